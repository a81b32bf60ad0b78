"""Train an MLP on the bundled 8x8 handwritten digits, with per-parameter control.

Shows what chainlite adds to Chainer's training loop:
- learn-rate factors by path pattern, which follow the live schedule
  (the ExponentialShift on Adam's alpha reaches the factored layers too);
- a frozen layer (its weights stay as initialized, with no optimizer state);
- the learnables table;
- a checkpoint every epoch that ``--resume`` continues from.

    python examples/train_digits.py                # train (about 10 s on a laptop CPU)
    python examples/train_digits.py --resume       # continue from the newest snapshot in --out
"""
import argparse
import sys

import numpy

import chainlite
import chainlite.functions as F
import chainlite.links as L
from chainlite import datasets, iterators, optimizers, training
from chainlite.training import extensions


class MLP(chainlite.Chain):
    """Three fully connected layers with ReLU."""

    def __init__(self, n_in=64, n_units=100, n_out=10):
        super().__init__()
        with self.init_scope():
            self.l1 = L.Linear(n_in, n_units)
            self.l2 = L.Linear(n_units, n_units)
            self.l3 = L.Linear(n_units, n_out)

    def forward(self, x):
        h = F.relu(self.l1(x))
        h = F.relu(self.l2(h))
        return self.l3(h)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--epoch', type=int, default=20)
    parser.add_argument('--batchsize', type=int, default=32)
    parser.add_argument('--alpha', type=float, default=0.01, help="Adam's step size")
    parser.add_argument('--out', default='result_digits', help='output directory')
    parser.add_argument('--resume', action='store_true',
                        help='continue from the newest valid snapshot in --out')
    parser.add_argument('--seed', type=int, default=0)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    numpy.random.seed(args.seed)
    train, test = datasets.get_digits()

    model = L.Classifier(MLP())
    optimizer = optimizers.Adam(alpha=args.alpha).setup(model)
    # The output layer learns at half the rate, biases at twice the rate;
    # the middle layer keeps its random features (frozen).
    chainlite.set_learn_rate_factor(model, 'predictor/l3/W', 0.5)
    chainlite.set_learn_rate_factor(model, '**/b', 2.0)
    chainlite.freeze(model, 'predictor/l2')
    print(chainlite.learnables(model, optimizer))

    train_iter = iterators.SerialIterator(train, args.batchsize)
    test_iter = iterators.SerialIterator(test, 256, repeat=False, shuffle=False)
    updater = training.updaters.StandardUpdater(train_iter, optimizer)
    trainer = training.Trainer(updater, (args.epoch, 'epoch'), out=args.out)
    trainer.extend(extensions.Evaluator(test_iter, model))
    trainer.extend(extensions.ExponentialShift('alpha', 0.95), trigger=(1, 'epoch'))
    trainer.extend(extensions.observe_value('alpha', lambda t: optimizer.alpha))
    trainer.extend(extensions.LogReport())
    trainer.extend(extensions.PrintReport(
        ['epoch', 'main/loss', 'validation/main/loss', 'validation/main/accuracy', 'alpha',
         'elapsed_time']))
    trainer.extend(extensions.ProgressBar(update_interval=45))
    if extensions.PlotReport.available():
        trainer.extend(extensions.PlotReport(['main/loss', 'validation/main/loss'], 'epoch',
                                             filename='loss.png'))
    trainer.extend(extensions.snapshot(filename='snapshot_epoch_{.updater.epoch}',
                                       n_retains=2, autoload=args.resume),
                   trigger=(1, 'epoch'))
    trainer.run()

    accuracy = _accuracy(model.predictor, test)
    print('test accuracy: %.4f' % accuracy)
    print('checkpoints and log in %s/' % args.out)
    return accuracy


def _accuracy(predictor, dataset):
    x, t = chainlite.dataset.concat_examples(dataset[:])
    with chainlite.using_config('train', False), chainlite.no_backprop_mode():
        y = predictor(x)
    return float(F.accuracy(y, t).array)


if __name__ == '__main__':
    main(sys.argv[1:])
