"""Golden statistics of VariableStatisticsPlot, from real Chainer 7.8.1 (run in its venv).

A Classifier(Linear(4, 3)) with fixed weights trained by SGD for 30 iterations; one
extension watches the link (max_sample_size=3, numpy.random seeded with 0, so the
reservoir sampling is reproducible), others watch a fixed Variable with other options.
The kept rows (idxs, statistics) are recorded from the extension's state.
"""
import sys
import warnings

import numpy as np

import chainer
import chainer.links as L
from chainer import training
from chainer.training import extensions


def rows(ext):
    s = ext._samples
    n = min(s.counter, s.size)
    order = np.argsort(s.idxs[:n], kind='stable')
    return s.idxs[:n][order], s.data[:n][order], np.array(s.counter)


def main(out):
    warnings.simplefilter('ignore')
    rng = np.random.RandomState(1)
    x = rng.rand(10, 4).astype('f')
    t = rng.randint(0, 3, 10).astype('i')
    W = rng.normal(size=(3, 4)).astype('f')
    b = rng.normal(size=3).astype('f')
    v = rng.normal(size=(5, 2)).astype('f')
    model = L.Classifier(L.Linear(4, 3))
    model.predictor.W.array[...] = W
    model.predictor.b.array[...] = b
    var = chainer.Variable(v.copy())
    opt = chainer.optimizers.SGD(lr=0.1).setup(model)
    it = chainer.iterators.SerialIterator(chainer.datasets.TupleDataset(x, t), 4,
                                          shuffle=False)
    updater = training.updaters.StandardUpdater(it, opt)
    trainer = training.Trainer(updater, (30, 'iteration'),
                               out='/tmp/chainer_goldens_variable_statistics_plot')
    configs = {
        'link': dict(targets=model, max_sample_size=3, trigger=(4, 'iteration')),
        'var_nograd': dict(targets=var, report_grad=False, percentile_sigmas=None),
        'var_nomean': dict(targets=[var], plot_mean=False, percentile_sigmas=(10, 50, 90),
                           filename='var.png'),
    }
    exts = {}
    for name, kw in configs.items():
        exts[name] = extensions.VariableStatisticsPlot(**kw)
        trainer.extend(exts[name], name=name)
    np.random.seed(0)
    trainer.run()
    result = dict(x=x, t=t, W=W, b=b, v=v)
    for name, ext in exts.items():
        idxs, data, counter = rows(ext)
        result[name + '_idxs'] = idxs
        result[name + '_data'] = data
        result[name + '_counter'] = counter
    np.savez(out, **result)


if __name__ == '__main__':
    main(sys.argv[1])
