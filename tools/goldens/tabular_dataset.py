"""What Chainer 7.8.1's tabular datasets (chainer.dataset.tabular) return for a set of cases.

Runs in the reference environment: python tabular_dataset.py OUT.npz
The tests import CASES and describe() from this file (tests/test_dataset_tabular.py)
and run the same cases on chainlite.dataset.tabular.

Keys: case/<name>, the describe() string of what the case returned, or
'ERR <exception type>' when it raised.
"""
import re
import sys

import numpy


def describe(x):
    """A string naming the types and values of a (nested) result; unnamed keys become _ID."""
    if isinstance(x, tuple):
        return 'tuple(%s)' % ', '.join(describe(v) for v in x)
    if isinstance(x, list):
        return 'list[%s]' % ', '.join(describe(v) for v in x)
    if isinstance(x, dict):
        return 'dict{%s}' % ', '.join('%s: %s' % (describe(k), describe(v)) for k, v in x.items())
    if isinstance(x, numpy.ndarray):
        return 'ndarray<%s>%s' % (x.dtype, x.tolist())
    if isinstance(x, numpy.generic):
        return '%s(%r)' % (type(x).__name__, x.item())
    if isinstance(x, type) or x is None:
        return repr(x)
    if isinstance(x, str):
        return repr(re.sub(r'^_\d+$', '_ID', x))
    if isinstance(x, (int, float)):
        return '%s(%r)' % (type(x).__name__, x)
    raise TypeError(type(x))


def _abc(tabular):
    return tabular.from_data((('a', numpy.arange(6)), ('b', [10, 11, 12, 13, 14, 15]),
                              ('c', list('uvwxyz'))))


def _pq(tabular):
    p = tabular.from_data((('a', numpy.arange(3)), ('b', [1, 2, 3])))
    q = tabular.from_data((('a', numpy.arange(10, 12)), ('b', [4, 5])))
    return p, q


def _summary(ds):
    return ds.keys, ds.mode, len(ds), ds.fetch()


def _cases():
    c = {}
    # from_data
    c['from_list'] = lambda t: _summary(t.from_data([1, 2, 3]))
    c['from_array'] = lambda t: _summary(t.from_data(numpy.arange(3.0)))
    c['from_2d_array'] = lambda t: _summary(t.from_data(numpy.arange(6).reshape(3, 2)))
    c['from_tuple'] = lambda t: _summary(t.from_data(([1, 2], numpy.array([3, 4]))))
    c['from_named'] = lambda t: _summary(t.from_data((('a', [1, 2]), ('b', [3, 4]))))
    c['from_mixed'] = lambda t: _summary(t.from_data(([4, 5], ('q', [1, 2]), [7, 8])))
    c['from_pair'] = lambda t: _summary(t.from_data(('a', [4, 5])))
    c['from_one_tuple'] = lambda t: _summary(t.from_data(([1, 2, 3],)))
    c['from_dict'] = lambda t: _summary(t.from_data({'b': [1, 2], 'a': numpy.zeros(2)}))
    c['from_callable'] = lambda t: _summary(t.from_data(('a', lambda i: i * i), size=3))
    c['from_callable_tuple'] = lambda t: _summary(
        t.from_data((('a', 'b'), lambda i: (i, 2 * i)), size=3))
    c['from_callable_dict'] = lambda t: _summary(
        t.from_data((('a', 'b'), lambda i: {'b': i, 'a': 2 * i}), size=3))
    c['from_dict_callable'] = lambda t: _summary(
        t.from_data({'b': [1, 2], ('c', 'd'): lambda i: (i, -i)}))
    c['from_tuple_callable'] = lambda t: _summary(
        t.from_data((('a', [5, 6, 7]), ('b', lambda i: 'b%d' % i))))
    c['from_dict_one_callable'] = lambda t: _summary(t.from_data({'a': lambda i: i}, size=2))
    c['from_docstring'] = lambda t: t.from_data(
        (('a', numpy.arange(4)), ('b', lambda i: 'b[%d]' % i), ('c', [3, 1, 4, 5]),
         (('d', 'e'), lambda i: {'d': 'd[%d]' % i, 'e': 'e[%d]' % i})))[2]
    c['err_from_lengths'] = lambda t: t.from_data(([1, 2], [1, 2, 3]))
    c['err_from_dict_lengths'] = lambda t: t.from_data({'a': [1], 'b': [1, 2]})
    c['err_from_no_size'] = lambda t: t.from_data(('a', lambda i: i))
    c['err_from_no_key'] = lambda t: t.from_data(lambda i: i, size=3)
    c['err_from_same_keys'] = lambda t: t.from_data((('a', [1, 2]), ('a', [3, 4])))
    c['err_from_0d'] = lambda t: t.from_data(numpy.zeros(()))
    # reading
    c['get_examples_all'] = lambda t: _abc(t).get_examples(None, None)
    c['get_examples_list'] = lambda t: _abc(t).get_examples([3, 1], None)
    c['get_examples_slice_keys'] = lambda t: _abc(t).get_examples(slice(1, 4), (2, 0))
    c['get_examples_array'] = lambda t: _abc(t).get_examples(numpy.array([3, 1]), (1,))
    c['get_examples_dup_keys'] = lambda t: _abc(t).get_examples([0], (1, 1, 0))
    c['get_examples_no_keys'] = lambda t: _abc(t).get_examples(None, ())
    c['getitem'] = lambda t: (_abc(t)[2], _abc(t)[-1], _abc(t)[numpy.int64(1)])
    c['getitem_slice'] = lambda t: (_abc(t)[1:3], _abc(t)[::-2], _abc(t)[[0, 4]])
    c['getitem_array'] = lambda t: _abc(t)[numpy.array([2, 0])]
    c['get_example'] = lambda t: _abc(t).get_example(3)
    c['asdict'] = lambda t: (_abc(t).asdict()[0], _summary(_abc(t).asdict()))
    c['astuple_unary'] = lambda t: (_summary(t.from_data([5, 6]).astuple()),
                                    t.from_data([5, 6]).astuple()[0])
    c['asdict_unary'] = lambda t: (_summary(t.from_data(('k', [5, 6])).asdict()),
                                   t.from_data(('k', [5, 6])).asdict()[1])
    c['asdict_astuple'] = lambda t: _summary(_abc(t).asdict().astuple())
    c['err_getitem_out'] = lambda t: _abc(t)[6]
    # convert and with_converter
    c['convert'] = lambda t: _abc(t).convert(_abc(t).fetch())
    c['convert_dict'] = lambda t: _abc(t).asdict().convert(_abc(t).asdict().fetch())
    c['convert_unary'] = lambda t: t.from_data([1, 2]).convert(t.from_data([1, 2]).fetch())
    c['convert_stack'] = lambda t: t.from_data([numpy.ones(2), numpy.zeros(2)]).convert(
        [numpy.ones(2), numpy.zeros(2)])
    c['err_convert_ragged'] = lambda t: t.from_data([1]).convert(([[1, 2], [3]],))
    c['with_converter'] = lambda t: _wc(t)
    # slice
    c['slice_rows'] = lambda t: [_summary(_abc(t).slice[r]) for r in (
        slice(1, 4), slice(None, None, -2), slice(-3, None), [4, 0, -1],
        numpy.array([4, 0, -1]), [True, False, True, False, False, True],
        numpy.array([True, False, True, False, False, True]), [], numpy.array([], int),
        slice(None))]
    c['slice_keys'] = lambda t: [_summary(_abc(t).slice[:, k]) for k in (
        'a', ('a',), 1, -1, ('c', 0, 'c'), (), numpy.int64(1), ('b', 'a'))]
    c['slice_both'] = lambda t: _summary(_abc(t).slice[1:5, ('b', 'a')].slice[[2, 0], 'a'])
    c['slice_nested'] = lambda t: _abc(t).slice[1:5].slice[::2].get_examples([1, 0], (2,))
    c['slice_get_examples'] = lambda t: (
        _abc(t).slice[1:5].get_examples(slice(None, None, -1), None),
        _abc(t).slice[::-1].get_examples([0, 2], (1,)))
    c['slice_getitem'] = lambda t: (_abc(t).slice[1:5, ('b', 'a')][1],
                                    _abc(t).slice[1:5, 'c'][0], _abc(t).slice[1:5][3])
    c['slice_asdict'] = lambda t: (_abc(t).asdict().slice[:, ('c', 'a')][0],
                                   _abc(t).asdict().slice[:, 'c'][0],
                                   _abc(t).asdict().slice[1:3].mode)
    c['slice_unary'] = lambda t: (_summary(t.from_data([1, 2, 3]).slice[1:]),
                                  _summary(t.from_data([1, 2, 3]).slice[:, 0]))
    c['err_slice_bool_len'] = lambda t: _abc(t).slice[[True, False]]
    c['err_slice_row_out'] = lambda t: _abc(t).slice[[6]]
    c['err_slice_row_neg'] = lambda t: _abc(t).slice[[-7]]
    c['err_slice_key_out'] = lambda t: _abc(t).slice[:, 3]
    c['err_slice_key_neg'] = lambda t: _abc(t).slice[:, -4]
    c['err_slice_key_name'] = lambda t: _abc(t).slice[:, 'z']
    c['err_slice_key_list'] = lambda t: _abc(t).slice[:, ['a']]
    c['err_slice_key_float'] = lambda t: _abc(t).slice[:, 1.5]
    c['err_slice_three'] = lambda t: _abc(t).slice[1:5, 'a', 1]
    c['err_slice_float_rows'] = lambda t: _abc(t).slice[numpy.array([1.0])]
    # transform
    c['transform_tuple'] = lambda t: _summary(
        _abc(t).transform(('x', 'y'), lambda a, b, c: (a + b, c * 2)))
    c['transform_getitem'] = lambda t: (
        _abc(t).transform(('x', 'y'), lambda a, b, c: (a + b, c * 2))[1],
        _abc(t).transform(('x', 'y'), lambda a, b, c: (a + b, c * 2)).get_examples([0, 2], (1,)))
    c['transform_dict'] = lambda t: _summary(
        _abc(t).asdict().transform(('x', 'y'), lambda a, b, c: {'y': a, 'x': c}))
    c['transform_dict_kwargs'] = lambda t: _summary(
        t.from_data(('k', [1, 2])).asdict().transform('v', lambda **kw: sorted(kw.items())))
    c['transform_one'] = lambda t: _summary(_abc(t).transform('s', lambda a, b, c: a + b))
    c['transform_one_tuple_key'] = lambda t: _summary(
        _abc(t).transform(('s',), lambda a, b, c: a + b))
    c['transform_returns_tuple1'] = lambda t: _summary(
        _abc(t).transform('s', lambda a, b, c: (a + b,)))
    c['transform_unary'] = lambda t: _summary(t.from_data([1, 2, 3]).transform('v', lambda v: -v))
    c['transform_extra'] = lambda t: _summary(
        _abc(t).transform(('s',), lambda a, b, c: (a, b)))
    c['transform_dict_extra'] = lambda t: _summary(
        _abc(t).transform(('s', 't'), lambda a, b, c: {'s': a, 't': 1, 'u': 2}))
    c['transform_slice'] = lambda t: _summary(
        _abc(t).transform(('x', 'y'), lambda a, b, c: (a, c)).slice[[3, 1], 'y'])
    c['err_transform_short'] = lambda t: _abc(t).transform(
        ('s', 't'), lambda a, b, c: (a,)).fetch()
    c['err_transform_missing'] = lambda t: _abc(t).transform(
        ('s', 't'), lambda a, b, c: {'s': a}).fetch()
    # transform_batch
    c['batch_tuple'] = lambda t: _summary(
        _abc(t).transform_batch(('x', 'y'), lambda a, b, c: (a * 2, c)))
    c['batch_getitem'] = lambda t: (
        _abc(t).transform_batch(('x', 'y'), lambda a, b, c: (a * 2, c))[1],
        _abc(t).transform_batch(('x', 'y'), lambda a, b, c: (a * 2, c))[1:3],
        _abc(t).transform_batch(('x', 'y'), lambda a, b, c: (a * 2, c)).get_examples([3, 0], (1,)),
        _summary(_abc(t).transform_batch(('x', 'y'), lambda a, b, c: (a * 2, c)).slice[2:]))
    c['batch_dict'] = lambda t: _summary(
        _abc(t).asdict().transform_batch(('x', 'y'), lambda **k: {'y': k['a'], 'x': k['b']}))
    c['batch_one'] = lambda t: _summary(_abc(t).transform_batch('s', lambda a, b, c: a * 2))
    c['batch_unary'] = lambda t: _summary(
        t.from_data([1, 2, 3]).transform_batch('v', lambda v: v[::-1]))
    c['err_batch_length'] = lambda t: _abc(t).transform_batch(
        ('s',), lambda a, b, c: a[:2]).fetch()
    c['err_batch_short'] = lambda t: _abc(t).transform_batch(
        ('s', 't'), lambda a, b, c: (a,)).fetch()
    c['err_batch_missing'] = lambda t: _abc(t).transform_batch(
        ('s', 't'), lambda a, b, c: {'s': a}).fetch()
    # concat and join
    c['concat'] = lambda t: _concat(t)
    c['concat_modes'] = lambda t: (_pq(t)[0].asdict().concat(_pq(t)[1]).mode,
                                   _pq(t)[0].concat(_pq(t)[1].asdict()).mode,
                                   _summary(_pq(t)[0].concat(_pq(t)[1], _pq(t)[0])),
                                   _summary(_pq(t)[0].concat()))
    c['concat_unary'] = lambda t: _summary(
        t.from_data(('k', [1, 2])).concat(t.from_data(('k', numpy.array([3])))))
    c['err_concat_keys'] = lambda t: _pq(t)[0].concat(_pq(t)[1].slice[:, ('b', 'a')])
    c['join'] = lambda t: _join(t)
    c['join_modes'] = lambda t: (
        _pq(t)[0].asdict().join(t.from_data(('c', [7, 8, 9]))).mode,
        _pq(t)[0].join(t.from_data(('c', [7, 8, 9])).asdict()).mode,
        _summary(t.from_data(('c', [7, 8, 9])).join(_pq(t)[0])),
        t.from_data(('c', [7, 8, 9])).join(_pq(t)[0])[0])
    c['err_join_length'] = lambda t: _pq(t)[0].join(t.from_data(('c', [7, 8])))
    c['err_join_keys'] = lambda t: _pq(t)[0].join(_pq(t)[1])
    return c


def _wc(t):
    p = _pq(t)[0]
    w = p.with_converter(lambda a, b: ('conv', a, b))
    out = [w.keys, w.mode, w.convert(w.fetch()), w[1], w.slice[1:].convert(w.slice[1:].fetch()),
           w.asdict().convert(w.asdict().fetch())]
    out.append(p.asdict().with_converter(lambda **k: sorted(k)).convert(p.asdict().fetch()))
    out.append(w.transform(('a', 'b'), lambda a, b: (a, b)).convert(p.fetch()))
    out.append(w.concat(_pq(t)[1]).convert(p.fetch()))
    out.append(_pq(t)[1].concat(w).convert(p.fetch()))
    out.append(w.join(t.from_data(('c', [0, 0, 0]))).convert(p.fetch()))
    u = t.from_data(('u', [1, 2, 3])).with_converter(lambda x: ('u', x))
    out += [u.convert(u.fetch()), u.astuple().convert(u.astuple().fetch())]
    return out


def _concat(t):
    p, q = _pq(t)
    c = p.concat(q)
    return (_summary(c), c[3], c.get_examples([4, 0, 3], (1,)), c.get_examples(slice(1, 4), None),
            c.get_examples(slice(None, None, -2), None), c.get_examples([0, 1], None),
            c.get_examples(slice(0, 2), None), c.get_examples([3, 4], (0,)),
            _summary(c.slice[2:4]), c[1:4])


def _join(t):
    p = _pq(t)[0]
    j = p.join(t.from_data((('c', [7, 8, 9]),)))
    return (_summary(j), j[1], j.get_examples([2, 0], (2, 0)), j.get_examples(None, (1, 1)),
            p.join(t.from_data([7, 8, 9]), t.from_data(('d', [0, 0, 0]))).keys)


CASES = _cases()


def run(tabular, name):
    """describe() of what CASES[name] returns with the module ``tabular``, or 'ERR <type>'."""
    try:
        return describe(CASES[name](tabular))
    except Exception as e:  # NOQA: recorded, compared by type
        return 'ERR ' + type(e).__name__


def main(out):
    from chainer.dataset import tabular
    data = {'case/' + name: numpy.array(run(tabular, name)) for name in CASES}
    numpy.savez_compressed(out, **data)


if __name__ == '__main__':
    main(sys.argv[1])
