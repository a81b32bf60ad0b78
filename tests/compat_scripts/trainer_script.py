# A Chainer 7 style Trainer script with extensions, unmodified.
import argparse
import json
import os

import numpy as np

import chainer
import chainer.links as L
from chainer import training
from chainer.training import extensions


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--out', required=True)
    parser.add_argument('--epoch', type=int, default=4)
    args = parser.parse_args()
    np.random.seed(1)
    x = np.random.rand(30, 4).astype(np.float32)
    t = np.random.randint(0, 3, 30).astype(np.int32)
    train, test = chainer.datasets.split_dataset(chainer.datasets.TupleDataset(x, t), 24)
    model = L.Classifier(L.Linear(4, 3))
    optimizer = chainer.optimizers.MomentumSGD(lr=0.1)
    optimizer.setup(model)
    train_iter = chainer.iterators.SerialIterator(train, 6)
    test_iter = chainer.iterators.SerialIterator(test, 6, repeat=False, shuffle=False)
    updater = training.updaters.StandardUpdater(train_iter, optimizer, device=-1)
    trainer = training.Trainer(updater, (args.epoch, 'epoch'), out=args.out)
    trainer.extend(extensions.Evaluator(test_iter, model, device=-1))
    trainer.extend(extensions.ExponentialShift('lr', 0.5), trigger=(2, 'epoch'))
    trainer.extend(extensions.LogReport())
    trainer.extend(extensions.observe_lr())
    trainer.extend(extensions.snapshot(), trigger=(2, 'epoch'))
    trainer.extend(extensions.PrintReport(['epoch', 'main/loss', 'validation/main/accuracy',
                                           'lr']))
    trainer.run()
    with open(os.path.join(args.out, 'log')) as f:
        log = json.load(f)
    keys = ['epoch', 'iteration', 'main/loss', 'main/accuracy', 'validation/main/loss', 'lr']
    print('RESULT ' + json.dumps({'log': [{k: e[k] for k in keys} for e in log],
                                  'b': model.predictor.b.array.tolist(),
                                  'files': sorted(f for f in os.listdir(args.out)
                                                  if f.startswith('snapshot'))}))


if __name__ == '__main__':
    main()
