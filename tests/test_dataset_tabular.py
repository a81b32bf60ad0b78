"""Tabular datasets (chainer.dataset.tabular) against Chainer 7.8.1 (tests/data/tabular_dataset.npz,
made by tools/goldens/tabular_dataset.py) and against hand-computed expectations."""

import numpy
import pytest

from chainlite.dataset import concat_examples
from chainlite.dataset import tabular
from chainlite.dataset.tabular import DelegateDataset, TabularDataset, from_data
from chainlite.iterators import SerialIterator

import golden_scripts


G = golden_scripts.script('tabular_dataset')


@pytest.fixture(scope='module')
def golden():
    with golden_scripts.data('tabular_dataset') as z:
        return {k: str(z[k]) for k in z.files}


@pytest.mark.parametrize('name', sorted(G.CASES))
def test_matches_chainer(golden, name):
    assert G.run(tabular, name) == golden['case/' + name]


def test_golden_covers_every_case(golden):
    assert sorted(golden) == sorted('case/' + name for name in G.CASES)


def _abc():
    return from_data((('a', numpy.arange(4)), ('b', [10, 11, 12, 13]), ('c', list('wxyz'))))


class _Custom(TabularDataset):
    """A hand-written dataset that records what get_examples is asked for."""

    keys = ('x', 'y')
    mode = dict

    def __init__(self):
        self.calls = []

    def __len__(self):
        return 3

    def get_examples(self, indices, key_indices):
        self.calls.append((indices, key_indices))
        x = [0, 1, 2]
        rows = x if indices is None else (
            x[indices] if isinstance(indices, slice) else [x[i] for i in indices])
        columns = (rows, ['y%d' % i for i in rows])
        return columns if key_indices is None else tuple(columns[k] for k in key_indices)


def test_custom_subclass():
    ds = _Custom()
    assert ds[1] == {'x': 1, 'y': 'y1'}
    assert ds.calls[-1] == ([1], None)
    assert ds.fetch() == {'x': [0, 1, 2], 'y': ['y0', 'y1', 'y2']}
    assert ds.slice[1:, 'y'].fetch() == ['y1', 'y2']
    indices, keys = ds.calls[-1]
    assert isinstance(indices, slice) and keys == (1,)
    assert ds.slice[::-1, ('y', 'x')][0] == {'y': 'y2', 'x': 2}
    assert ds.calls[-1] == ([2], (1, 0))


def test_abstract_methods_raise():
    ds = TabularDataset()
    for call in (lambda: len(ds), lambda: ds.keys, lambda: ds.mode,
                 lambda: ds.get_examples(None, None), lambda: ds.fetch()):
        with pytest.raises(NotImplementedError):
            call()


def test_negative_and_out_of_range_indices():
    # deliberate: Chainer passes a negative index through unchecked (slice[1:3][-1] is row 0
    # of the parent, a callable column gets f(-1)); chainlite counts from the end.
    ds = _abc()
    assert ds.slice[1:3][-1] == (2, 12, 'y')
    assert from_data(('f', lambda i: i * 10), size=3)[-1] == 20
    assert ds.get_example(-4) == (0, 10, 'w')
    with pytest.raises(IndexError, match='get_example: index 4 .* length 4'):
        ds[4]
    with pytest.raises(IndexError, match='-5'):
        from_data(('f', lambda i: i), size=4)[-5]
    assert list(from_data(('f', lambda i: i), size=3)) == [0, 1, 2]


def test_getitem_bool_mask_and_arrays():
    ds = _abc()
    assert ds[[True, False, False, True]] == [(0, 10, 'w'), (3, 13, 'z')]
    assert ds[numpy.array([-1, 0])] == [(3, 13, 'z'), (0, 10, 'w')]
    assert ds[2:] == [(2, 12, 'y'), (3, 13, 'z')]
    with pytest.raises(ValueError, match='__getitem__: 2 booleans .* length 4'):
        ds[[True, False]]


def test_error_messages_name_function_and_values():
    ds = _abc()
    with pytest.raises(KeyError, match=r"slice: key 'q' does not exist in keys \('a', 'b', 'c'\)"):
        ds.slice[:, 'q']
    with pytest.raises(IndexError, match='slice: key index 3 is out of bounds'):
        ds.slice[:, ('a', 3)]
    with pytest.raises(IndexError, match='index -5 is out of bounds for a dataset of length 4'):
        ds.slice[[-5]]
    with pytest.raises(ValueError, match='concat: .* same keys'):
        ds.concat(from_data(('a', [1])))
    with pytest.raises(ValueError, match='join: .* same length, got 4 and 2'):
        ds.join(from_data(('d', [1, 2])))
    with pytest.raises(ValueError, match="join: .* unique .* 'a' is repeated"):
        ds.join(from_data(('a', [1, 2, 3, 4])))
    with pytest.raises(TypeError, match='concat: expected TabularDataset objects, got list'):
        ds.concat([1, 2, 3])
    with pytest.raises(ValueError, match="column 's' has 2 rows, not 4"):
        ds.transform_batch('s', lambda a, b, c: a[:2]).fetch()
    with pytest.raises(KeyError, match="transform: returned a dict without key 't'"):
        ds.transform(('s', 't'), lambda a, b, c: {'s': a}).fetch()
    with pytest.raises(IndexError, match='transform: returned a tuple of 1 values'):
        ds.transform(('s', 't'), lambda a, b, c: (a,)).fetch()
    with pytest.raises(ValueError, match='from_data: size must be specified for callable'):
        from_data(('f', lambda i: i))


@pytest.mark.parametrize('data, error', [
    # deliberate: Chainer returns None, a broken dataset or an IndexError for these
    (5, TypeError), ('abc', TypeError), (range(3), TypeError), (('a', 'xyz'), TypeError),
    ((('a', 'b'), [1, 2]), TypeError), ({1: [1, 2]}, TypeError), ((), ValueError),
    ({}, ValueError), (([1, 2], 3), TypeError),
])
def test_from_data_rejects_bad_data(data, error):
    with pytest.raises(error, match='from_data'):
        from_data(data)


def test_from_data_checks_size():
    # deliberate: Chainer ignores size when lists or arrays give the length
    assert len(from_data([1, 2], size=2)) == 2
    with pytest.raises(ValueError, match=r"from_data: column '_\d+' has length 2, but size=3"):
        from_data([1, 2], size=3)


def test_from_data_keeps_the_data_and_calls_lazily():
    a, b = numpy.arange(3), [4, 5, 6]
    calls = []
    ds = from_data((('a', a), ('b', b), ('f', lambda i: calls.append(i) or -i)))
    assert calls == []
    columns = ds.fetch()
    assert columns[0] is a and columns[1] is b and columns[2] == [0, -1, -2]
    assert calls == [0, 1, 2]
    assert ds.get_examples([2], (2,)) == ([-2],)
    assert calls[-1] == 2


def test_transform_modes_and_empty():
    ds = _abc()
    assert ds.transform('s', lambda a, b, c: a + b).mode is None
    assert ds.transform('s', lambda a, b, c: (a,)).mode is tuple
    assert ds.transform(('s', 't'), lambda a, b, c: {'s': a, 't': c}).asdict()[3] == {
        's': 3, 't': 'z'}
    # deliberate: Chainer calls the function on the parent's row 0 to guess the mode of an
    # empty view; chainlite calls nothing and uses tuple for several keys, None for one.
    empty = ds.slice[:0]
    assert empty.transform(('s', 't'), None).mode is tuple
    assert empty.transform('s', None).mode is None
    assert empty.transform(('s', 't'), None).fetch() == ([], [])
    batch = ds.transform_batch(('s', 't'), lambda a, b, c: (a + 1, b))
    assert batch[1:3] == [(2, 11), (3, 12)]
    assert batch.get_examples([3, 0], (0,))[0].tolist() == [4, 1]


def test_concat_spanning_rows_in_order():
    x = from_data((('a', numpy.arange(3)), ('b', [0, 1, 2])))
    y = from_data((('a', numpy.arange(10, 12)), ('b', [10, 11])))
    empty = x.slice[:0]
    c = x.concat(empty, y, x)
    assert len(c) == 8
    assert c.get_examples([5, 0, 4, 3, 7], (1, 0)) == ([0, 0, 11, 10, 2], [0, 0, 11, 10, 2])
    a, = c.get_examples([3, 4], (0,))  # all in y: y's own array
    assert isinstance(a, numpy.ndarray) and a.tolist() == [10, 11]
    assert c.slice[::-3].fetch() == ([2, 11, 1], [2, 11, 1])
    with pytest.raises(IndexError, match='concat: row 8 is out of bounds'):
        c.get_examples([8], None)


def test_join_reads_each_dataset_once_with_its_keys():
    custom = _Custom()
    j = from_data(('a', [5, 6, 7])).join(custom)
    assert j.keys == ('a', 'x', 'y') and j.mode is tuple
    assert j.get_examples([2, 0], (2, 0, 2)) == (['y2', 'y0'], [7, 5], ['y2', 'y0'])
    assert custom.calls == [([2, 0], (1,))]


def test_delegate_dataset():
    class Squares(DelegateDataset):
        def __init__(self):
            super().__init__(from_data((('x', [1, 2, 3]), ('x2', lambda i: (i + 1) ** 2)))
                             .with_converter(lambda x, x2: (sum(x), sum(x2))))

    ds = Squares()
    assert (len(ds), ds.keys, ds.mode, ds[2]) == (3, ('x', 'x2'), tuple, (3, 9))
    assert ds.convert(ds.fetch()) == (6, 14)
    assert ds.slice[1:].convert(ds.slice[1:].fetch()) == (5, 13)
    assert ds.asdict()[0] == {'x': 1, 'x2': 1}


def test_convert_default_and_with_converter():
    ds = from_data((('x', [numpy.ones(2), numpy.zeros(2)]), ('t', [0, 1])))
    x, t = ds.convert(ds.fetch())
    numpy.testing.assert_array_equal(x, [[1, 1], [0, 0]])
    assert t.dtype.kind == 'i' and t.tolist() == [0, 1]
    d = ds.asdict().with_converter(lambda **k: sorted(k))
    assert d.convert(d.fetch()) == ['t', 'x']
    transformed = d.transform(('b', 'a'), lambda x, t: (t, x)).asdict()  # keeps the converter
    assert transformed.convert(transformed.fetch()) == ['a', 'b']


def test_serial_iterator_and_concat_examples():
    ds = from_data((('x', numpy.arange(10, dtype=numpy.float32).reshape(5, 2)),
                    ('t', numpy.arange(5, dtype=numpy.int32))))
    it = SerialIterator(ds, 2, repeat=False, shuffle=False)
    batches = [concat_examples(batch) for batch in it]
    assert [len(b[1]) for b in batches] == [2, 2, 1]
    numpy.testing.assert_array_equal(batches[1][0], [[4, 5], [6, 7]])
    assert batches[2][1].tolist() == [4]
    it = SerialIterator(ds.asdict(), 5, repeat=False, shuffle=False)
    batch = concat_examples(it.next())
    assert sorted(batch) == ['t', 'x'] and batch['t'].dtype == numpy.int32
