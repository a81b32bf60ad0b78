"""Behaviour found by running Chainer-era example scripts under Chainer 7.8.1 and chainlite.

Each expected value was measured on Chainer 7.8.1 (NumPy 1.26).
"""
import numpy
import pytest

import chainlite
import chainlite.functions as F
import chainlite.links as L


def test_parameter_link_starts_with_nan_grad():
    # Chainer 7.8.1: L.Parameter(array).W.grad is NaN-filled until cleargrads()
    p = L.Parameter(numpy.ones((2, 2), numpy.float32))
    assert p.W.grad.shape == (2, 2) and p.W.grad.dtype == numpy.float32
    assert numpy.isnan(p.W.grad).all()
    p.cleargrads()
    assert p.W.grad is None


def test_parameter_link_forward_is_identity_of_w():
    # Chainer 7.8.1: p() is a new Variable made by Identity on W's array, with no name
    p = L.Parameter(numpy.arange(3, dtype=numpy.float32))
    y = p()
    assert y is not p.W and y.array is p.W.array
    assert y.name is None and y.creator is not None
    assert repr(y) == 'variable([0., 1., 2.])'
    p.cleargrads()
    F.sum(y * 3).backward()
    assert p.W.grad.tolist() == [3.0, 3.0, 3.0]
    assert y.grad is None  # an intermediate Variable keeps no gradient


def test_config_dtype_defaults_to_float32():
    # Chainer 7.8.1: chainer.config.dtype is numpy.dtype('float32') by default
    assert chainlite.config.dtype == numpy.dtype(numpy.float32)
    assert isinstance(chainlite.config.dtype, numpy.dtype)
    assert chainlite.global_config.dtype == numpy.dtype(numpy.float32)
    with chainlite.using_config('dtype', numpy.float16):
        assert L.Linear(2, 2).W.dtype == numpy.float16
    assert L.Linear(2, 2).W.dtype == numpy.float32


@pytest.mark.parametrize('name', ['sign', 'floor', 'ceil', 'fix'])
def test_piecewise_constant_functions_return_variables_outside_the_graph(name):
    # Chainer 7.8.1: F.sign/floor/ceil/fix return a Variable with no creator and
    # requires_grad False, for float and integer inputs alike
    f = getattr(F, name)
    x = chainlite.Variable(numpy.array([-1.5, 0.3, 2.7], numpy.float32))
    y = f(x)
    assert y.creator is None and not y.requires_grad and y.dtype == numpy.float32
    numpy.testing.assert_array_equal(y.array, getattr(numpy, name)(x.array))
    F.sum(y * x).backward()  # y is a constant factor
    numpy.testing.assert_array_equal(x.grad, y.array)
    yi = f(numpy.array([-2, 0, 3], numpy.int32))
    assert yi.creator is None and not yi.requires_grad and yi.dtype == numpy.int32
    with pytest.raises(TypeError, match=name + ': the input must be an array'):
        f([1.5])


def test_backward_on_leaf_keeps_its_grad():
    # Chainer 7.8.1: backward() on a Variable with no creator leaves its grad as it was
    v = chainlite.Variable(numpy.ones(3, numpy.float32))
    v.grad = numpy.full(3, 2, numpy.float32)
    v.backward()
    assert v.grad.tolist() == [2.0, 2.0, 2.0]
    w = chainlite.Variable(numpy.ones((), numpy.float32))
    w.backward()
    w.backward()
    assert float(w.grad) == 1.0


def _device_probe(kind):
    """Runs one StandardUpdater step or one Evaluator pass with device='@numpy' through an
    old-style converter; returns (the device the converter got, the object's .device)."""
    from chainlite import iterators, optimizers, training
    from chainlite.dataset import concat_examples
    seen = []

    def old_style(batch, device=None):
        seen.append(device)
        return concat_examples(batch, device)

    data = chainlite.datasets.TupleDataset(numpy.ones((4, 3), numpy.float32),
                                           numpy.zeros(4, numpy.int32))
    model = L.Classifier(L.Linear(3, 2))
    if kind == 'updater':
        opt = optimizers.SGD()
        opt.setup(model)
        obj = training.updaters.StandardUpdater(iterators.SerialIterator(data, 2), opt,
                                                converter=old_style, device='@numpy')
        obj.update()
    else:
        obj = training.extensions.Evaluator(iterators.SerialIterator(data, 2, repeat=False),
                                            model, converter=old_style, device='@numpy')
        reporter = chainlite.Reporter()
        reporter.add_observer('main', model)
        with reporter.scope({}):
            obj.evaluate()
    return seen[-1], obj.device


@pytest.mark.parametrize('kind', ['updater', 'evaluator'])
def test_device_spec_is_normalized_and_old_converters_get_the_legacy_id(kind):
    # Chainer 7.8.1: .device is a Device object; an undecorated converter gets -1 for the CPU
    given, device = _device_probe(kind)
    assert given == -1
    assert device == chainlite.get_device('@numpy')


def test_share_copy_sees_lazy_initialization_and_rebinding():
    # Chainer 7.8.1: eval_model = model.copy() before training; the copy's parameters follow
    # the model's lazy initialization and any later `param.array = ...`
    model = L.Classifier(L.Linear(None, 2))
    eval_model = model.copy()
    model(numpy.ones((2, 3), numpy.float32), numpy.zeros(2, numpy.int32))
    assert eval_model.predictor.W.array is model.predictor.W.array
    model.predictor.W.array = numpy.zeros((2, 3), numpy.float32)
    assert eval_model.predictor.W.array is model.predictor.W.array
    assert eval_model.predictor.W is not model.predictor.W


def test_deep_copies_and_pickles_of_a_shared_copy_hold_their_own_arrays():
    import pickle
    model = L.Linear(3, 2)
    shared = model.copy()
    deep, pickled = shared.copy(mode='copy'), pickle.loads(pickle.dumps(shared))
    model.W.array = numpy.zeros((2, 3), numpy.float32)
    assert shared.W.array is model.W.array
    for other in (deep, pickled):
        assert other.W.array is not model.W.array and other.W.array.any()
    pickled.W.array = numpy.ones((2, 3), numpy.float32)
    assert not model.W.array.any()


def test_sequential_numbers_its_links_as_chainer_does():
    # Chainer 7.8.1 (probed): a link inserted at layer i > 0 follows the child numbered by
    # the layer index of the first link before it; so a Chainer-saved Sequential loads here
    def lin(k):
        return L.Linear(1, k)

    def sizes(seq):
        return [(path, link.W.shape[0]) for path, link in seq.namedlinks(skipself=True)]

    assert sizes(chainlite.Sequential(lin(1), lin(2), lin(3))) == [('/0', 1), ('/1', 3), ('/2', 2)]
    assert sizes(chainlite.Sequential(F.relu, lin(1), F.relu, lin(2), lin(3))) == \
        [('/0', 1), ('/1', 2), ('/2', 3)]
    seq = chainlite.Sequential(F.relu, F.relu, lin(1), lin(2))
    seq.insert(2, lin(9))
    assert sizes(seq) == [('/0', 1), ('/1', 9), ('/2', 2)]
    seq = chainlite.Sequential(lin(1), lin(2), lin(3))
    seq[1] = lin(7)  # delete, then insert at the same index
    assert sizes(seq) == [('/0', 1), ('/1', 7), ('/2', 3)]
    seq.extend(chainlite.Sequential(lin(4), lin(5)))
    assert sizes(seq) == [('/0', 1), ('/1', 5), ('/2', 4), ('/3', 7), ('/4', 3)]
    del seq[1]
    assert [layer.W.shape[0] for layer in seq] == [1, 3, 4, 5]
    assert sizes(seq.copy()) == sizes(seq) == [('/0', 1), ('/1', 5), ('/2', 4), ('/3', 3)]
    with pytest.raises(IndexError, match='Index out of range: 5'):
        seq.insert(5, lin(6))


@pytest.mark.parametrize('shape, warns', [((1, 3), True), ((1, 3, 1, 1), True),
                                          ((1, 3, 2, 2), False), ((2, 3), False)])
def test_batch_normalization_warns_of_one_sample_per_statistic(shape, warns, recwarn):
    # Chainer 7.8.1 warns (UserWarning) in F.batch_normalization and the training-mode link
    x = numpy.ones(shape, numpy.float32)
    F.batch_normalization(x, numpy.ones(3, numpy.float32), numpy.zeros(3, numpy.float32))
    with chainlite.using_config('train', False):
        L.BatchNormalization(3)(x)
    messages = [str(w.message) for w in recwarn if w.category is UserWarning]
    assert len(messages) == warns
    assert all(m.startswith('A batch with no more than one sample has been given to '
                            'F.batch_normalization.') for m in messages)


def test_normalization_nodes_carry_chainers_class_names():
    # graph dumps and TimerHook/PrintHook reports name these nodes as Chainer does
    x = chainlite.Variable(numpy.ones((2, 3), numpy.float32))
    one, zero = numpy.ones(3, numpy.float32), numpy.zeros(3, numpy.float32)
    assert type(F.batch_normalization(x, one, zero).creator).__name__ == 'BatchNormalization'
    assert type(F.layer_normalization(x, one, zero).creator).__name__ == 'LayerNormalization'
    assert F.batch_normalization(x, one, zero).creator.label == 'BatchNormalization'
