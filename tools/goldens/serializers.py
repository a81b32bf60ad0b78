"""Golden files for chainlite's serializers, datasets and iterators, written by real Chainer 7.8.1.

Run inside the reference venv (via tools/make_goldens.py) with the output path
tests/data/serializers.npz as argument. Next to it, it writes:

- chainer_model.npz, chainer_optimizer.npz: save_npz of a Chain (Linear +
  BatchNormalization + Linear) and its Adam optimizer after 2 updates;
- chainer_optimizer_stateless.npz: the same, but with one rule disabled
  from the start, so the file has no state arrays for that parameter;
- chainer_iterators.npz: SerialIterator / MultiprocessIterator /
  MultithreadIterator batches, epoch bookkeeping and saved states;
- chainer_datasets.npz: split / cross-validation orders and get_mnist /
  get_cifar10 outputs for small raw files in Chainer's cache format.

serializers.npz holds what the tests compare against: the model's arrays
(model/<key>), the optimizer's (optimizer/<key>), the key lists, and what
Chainer does when loading the stateless file into a fresh optimizer.
"""
import os
import sys
import tempfile
import warnings

import numpy

warnings.filterwarnings('ignore')
_root = tempfile.mkdtemp()
os.environ['CHAINER_DATASET_ROOT'] = _root

import chainer  # NOQA: E402 (the dataset root must be set first)
import chainer.links as L  # NOQA: E402
from chainer import datasets as D  # NOQA: E402
from chainer import iterators, optimizers, serializers  # NOQA: E402


class Net(chainer.Chain):
    def __init__(self):
        super().__init__()
        with self.init_scope():
            self.l1 = L.Linear(3, 4)
            self.bn = L.BatchNormalization(4)
            self.l2 = L.Linear(4, 2)

    def forward(self, x):
        return self.l2(chainer.functions.relu(self.bn(self.l1(x))))


def _train(disable=None):
    numpy.random.seed(0)
    model = Net()
    opt = optimizers.Adam(alpha=0.01)
    opt.setup(model)
    if disable is not None:
        model.l2.b.update_rule.enabled = False
    x = numpy.random.uniform(-1, 1, (5, 3)).astype(numpy.float32)
    for _ in range(2):
        opt.update(lambda: chainer.functions.sum(model(x) ** 2))
    return model, opt


def _flat(obj):
    s = serializers.DictionarySerializer()
    s.save(obj)
    return s.target


def _serializer_goldens(data_dir, out):
    model, opt = _train()
    serializers.save_npz(os.path.join(data_dir, 'chainer_model.npz'), model)
    serializers.save_npz(os.path.join(data_dir, 'chainer_optimizer.npz'), opt)
    for prefix, obj in (('model', model), ('optimizer', opt)):
        target = _flat(obj)
        out[prefix + '_keys'] = numpy.array(sorted(target))
        for key, value in target.items():
            out['%s/%s' % (prefix, key)] = value

    _, opt = _train(disable='l2/b')
    path = os.path.join(data_dir, 'chainer_optimizer_stateless.npz')
    serializers.save_npz(path, opt)
    out['stateless_keys'] = numpy.array(sorted(_flat(opt)))
    fresh = optimizers.Adam(alpha=0.01)
    fresh.setup(Net())
    try:
        serializers.load_npz(path, fresh)
        outcome = 'loaded'
    except Exception as e:  # record whatever Chainer does
        outcome = '%s: %s' % (type(e).__name__, e)
    out['chainer_loads_stateless_into_fresh'] = numpy.array(outcome)


def _run_iterator(make, steps):
    numpy.random.seed(0)
    it = make()
    batches, details = [], []
    for _ in range(steps):
        try:
            batch = it.next()
        except StopIteration:
            break
        prev = it.previous_epoch_detail
        batches.append(batch + [-1] * (it.batch_size - len(batch)))
        details.append([it.epoch, it.epoch_detail, numpy.nan if prev is None else prev,
                        it.is_new_epoch, it.current_position])
    try:
        state = _flat(it)
    except AttributeError:  # Chainer's MultiprocessIterator cannot save an unshuffled state
        state = {}
    it.finalize()
    return numpy.array(batches), numpy.array(details, numpy.float64), state


ITERATOR_CONFIGS = [  # n, batch_size, repeat, shuffle, steps
    (7, 3, True, True, 8),
    (7, 3, True, False, 8),
    (7, 3, False, True, 8),
    (7, 3, False, False, 8),
    (3, 5, True, True, 5),
    (3, 7, True, False, 4),
    (6, 3, True, True, 4),
    (5, 5, False, True, 3),
]


def _iterator_goldens():
    out = {'configs': numpy.array(ITERATOR_CONFIGS)}
    for i, (n, bs, repeat, shuffle, steps) in enumerate(ITERATOR_CONFIGS):
        kinds = {
            'serial': lambda: iterators.SerialIterator(list(range(n)), bs, repeat, shuffle),
            'thread': lambda: iterators.MultithreadIterator(list(range(n)), bs, repeat, shuffle,
                                                            n_threads=2),
            'process': lambda: iterators.MultiprocessIterator(list(range(n)), bs, repeat, shuffle,
                                                              n_processes=2),
        }
        for kind, make in kinds.items():
            batches, details, state = _run_iterator(make, steps)
            out['%d/%s/batches' % (i, kind)] = batches
            out['%d/%s/details' % (i, kind)] = details
            for key, value in state.items():
                if value.dtype.hasobject:  # Chainer saves a pickled None here; note the key only
                    out['%d/%s/state_none/%s' % (i, kind, key)] = numpy.array(repr(value.item()))
                else:
                    out['%d/%s/state/%s' % (i, kind, key)] = value
    # The positions an order sampler is called with.
    for n, bs in ((5, 2), (5, 4), (4, 2), (3, 7)):
        calls = []

        def sampler(order, position):
            calls.append(position)
            return numpy.random.permutation(len(order))

        it = iterators.SerialIterator(list(range(n)), bs, order_sampler=sampler)
        for _ in range(4):
            it.next()
        out['sampler_calls/%d_%d' % (n, bs)] = numpy.array(calls)
    return out


def _dataset_goldens():
    out = {}
    base = numpy.arange(10)
    for name, parts in (
            ('split_random_3_seed0', D.split_dataset_random(base, 3, seed=0)),
            ('split_n_3', D.split_dataset_n(base, 3)),
            ('split_n_random_3_seed1', D.split_dataset_n_random(base, 3, seed=1))):
        for j, part in enumerate(parts):
            out['%s/%d' % (name, j)] = numpy.array(list(part))
    for name, folds in (
            ('cv_3', D.get_cross_validation_datasets(base, 3)),
            ('cv_4_reversed', D.get_cross_validation_datasets(base, 4, order=base[::-1].copy())),
            ('cv_random_3_seed0', D.get_cross_validation_datasets_random(base, 3, seed=0))):
        for j, (train, test) in enumerate(folds):
            out['%s/%d/train' % (name, j)] = numpy.array(list(train))
            out['%s/%d/test' % (name, j)] = numpy.array(list(test))

    rng = numpy.random.RandomState(0)
    mnist_dir = os.path.join(_root, 'pfnet', 'chainer', 'mnist')
    os.makedirs(mnist_dir)
    for split in ('train', 'test'):
        raw = {'x': rng.randint(0, 256, (2, 784)).astype(numpy.uint8),
               'y': rng.randint(0, 10, 2).astype(numpy.uint8)}
        numpy.savez_compressed(os.path.join(mnist_dir, split + '.npz'), **raw)
        out['mnist_raw/%s/x' % split], out['mnist_raw/%s/y' % split] = raw['x'], raw['y']
    mnist_cases = [{}, {'ndim': 2}, {'ndim': 3, 'rgb_format': True, 'scale': 3.},
                   {'dtype': numpy.float64, 'scale': 0.7, 'label_dtype': numpy.int64},
                   {'dtype': numpy.float16}]
    for j, kw in enumerate(mnist_cases):
        train, test = D.get_mnist(**kw)
        out['mnist/%d/x' % j] = numpy.stack([x for x, _ in test])
        out['mnist/%d/t' % j] = numpy.stack([t for _, t in test])
    out['mnist/withlabel_false'] = D.get_mnist(withlabel=False)[0]

    cifar_dir = os.path.join(_root, 'pfnet', 'chainer', 'cifar')
    os.makedirs(cifar_dir)
    raw = {'train_x': rng.randint(0, 256, (2, 3072)).astype(numpy.uint8),
           'train_y': rng.randint(0, 10, 2).astype(numpy.uint8),
           'test_x': rng.randint(0, 256, (1, 3072)).astype(numpy.uint8),
           'test_y': rng.randint(0, 10, 1).astype(numpy.uint8)}
    numpy.savez_compressed(os.path.join(cifar_dir, 'cifar-10.npz'), **raw)
    for key, value in raw.items():
        out['cifar_raw/' + key] = value
    for j, kw in enumerate([{}, {'ndim': 1, 'scale': 3.}, {'dtype': numpy.float64}]):
        train, test = D.get_cifar10(**kw)
        out['cifar/%d/x' % j] = numpy.stack([x for x, _ in train])
        out['cifar/%d/t' % j] = numpy.stack([t for _, t in train])
    return out


def main():
    out_path = sys.argv[1]
    data_dir = os.path.dirname(os.path.abspath(out_path))
    out = {}
    _serializer_goldens(data_dir, out)
    numpy.savez_compressed(out_path, **out)
    numpy.savez_compressed(os.path.join(data_dir, 'chainer_iterators.npz'), **_iterator_goldens())
    numpy.savez_compressed(os.path.join(data_dir, 'chainer_datasets.npz'), **_dataset_goldens())


if __name__ == '__main__':
    main()
