"""Golden numbers for the training loop, from real Chainer 7.8.1 (run in its venv).

A Classifier(Linear(4, 3)) with fixed weights, a non-shuffled SerialIterator,
MomentumSGD with ExponentialShift on lr, LogReport and Evaluator over 3 epochs.
"""
import json
import sys

import numpy as np

import chainer
import chainer.links as L
from chainer import training
from chainer.training import extensions


def main(out):
    rng = np.random.RandomState(1)
    x = rng.rand(10, 4).astype('f')
    t = rng.randint(0, 3, 10).astype('i')
    W = rng.normal(size=(3, 4)).astype('f')
    b = rng.normal(size=3).astype('f')
    model = L.Classifier(L.Linear(4, 3))
    model.predictor.W.array[...] = W
    model.predictor.b.array[...] = b
    opt = chainer.optimizers.MomentumSGD(lr=0.1).setup(model)
    train = chainer.datasets.TupleDataset(x, t)
    it = chainer.iterators.SerialIterator(train, 4, shuffle=False)
    val_it = chainer.iterators.SerialIterator(train, 3, repeat=False, shuffle=False)
    updater = training.updaters.StandardUpdater(it, opt)
    trainer = training.Trainer(updater, (3, 'epoch'), out='/tmp/chainer_goldens_training')
    trainer.extend(extensions.Evaluator(val_it, model))
    trainer.extend(extensions.ExponentialShift('lr', 0.5), trigger=(1, 'epoch'))
    trainer.extend(extensions.observe_lr())
    trainer.extend(extensions.LogReport())
    trainer.run()
    keys = ['main/loss', 'main/accuracy', 'validation/main/loss', 'validation/main/accuracy',
            'lr', 'epoch', 'iteration']
    log = [{k: e[k] for k in keys} for e in trainer.get_extension('LogReport').log]
    np.savez(out, x=x, t=t, W=W, b=b, final_W=model.predictor.W.array,
             final_b=model.predictor.b.array, log=np.array(json.dumps(log)),
             optimizer_t=np.array(opt.t), optimizer_epoch=np.array(opt.epoch))


if __name__ == '__main__':
    main(sys.argv[1])
