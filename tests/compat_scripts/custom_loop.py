# A Chainer 7 style custom training loop, unmodified; prints numbers to compare.
import argparse
import json

import numpy as np

import chainer
import chainer.functions as F
import chainer.links as L
from chainer import optimizers, serializers
from chainer.dataset import concat_examples


class MLP(chainer.Chain):
    def __init__(self, n_units, n_out):
        super(MLP, self).__init__()
        with self.init_scope():
            self.l1 = L.Linear(None, n_units)
            self.l2 = L.Linear(None, n_out)

    def __call__(self, x):
        return self.l2(F.relu(self.l1(x)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--epoch', type=int, default=3)
    parser.add_argument('--out', default=None)
    args = parser.parse_args()
    np.random.seed(0)
    x = np.random.rand(40, 5).astype(np.float32)
    t = (x.sum(axis=1) > 2.5).astype(np.int32)
    train = chainer.datasets.TupleDataset(x[:32], t[:32])
    test = chainer.datasets.TupleDataset(x[32:], t[32:])
    model = L.Classifier(MLP(8, 2))
    optimizer = optimizers.Adam(alpha=0.01)
    optimizer.setup(model)
    optimizer.add_hook(chainer.optimizer_hooks.WeightDecay(1e-4))
    model.predictor.l2.b.update_rule.enabled = False
    it = chainer.iterators.SerialIterator(train, 8)
    losses = []
    while it.epoch < args.epoch:
        batch = it.next()
        xb, tb = concat_examples(batch)
        loss = model(xb, tb)
        model.cleargrads()
        loss.backward()
        optimizer.update()
        losses.append(float(loss.data))
    with chainer.using_config('train', False), chainer.no_backprop_mode():
        xt, tt = concat_examples(test)
        acc = F.accuracy(model.predictor(xt), tt)
    if args.out:
        serializers.save_npz(args.out, model)
    print(json.dumps({'losses': losses, 'accuracy': float(acc.data),
                      'W1': model.predictor.l1.W.array.tolist(), 't': optimizer.t}))


if __name__ == '__main__':
    main()
