"""VariableStatisticsPlot against goldens from Chainer 7.8.1."""
import os
import warnings

import numpy
import pytest

import chainlite
import chainlite.functions as F
import chainlite.links as L
from chainlite import datasets, iterators, optimizers, serializers, training
from chainlite.training import extensions
from chainlite.training.extensions import variable_statistics_plot as vsp_module

DATA = os.path.join(os.path.dirname(__file__), 'data', 'variable_statistics_plot.npz')
pytest.importorskip('matplotlib')


@pytest.fixture
def golden():
    with numpy.load(DATA) as f:
        return dict(f)


class _Classifier(chainlite.Chain):
    def __init__(self, W, b):
        super().__init__()
        with self.init_scope():
            self.predictor = L.Linear(4, 3, initialW=W.copy(), initial_bias=b.copy())

    def forward(self, x, t):
        return F.softmax_cross_entropy(self.predictor(x), t)


def _run(tmp_path, golden):
    model = _Classifier(golden['W'], golden['b'])
    var = chainlite.Variable(golden['v'].copy())
    opt = optimizers.SGD(lr=0.1).setup(model)
    it = iterators.SerialIterator(datasets.TupleDataset(golden['x'], golden['t']), 4,
                                  shuffle=False)
    trainer = training.Trainer(training.updaters.StandardUpdater(it, opt), (30, 'iteration'),
                               out=str(tmp_path))
    exts = {
        'link': extensions.VariableStatisticsPlot(model, max_sample_size=3,
                                                  trigger=(4, 'iteration')),
        'var_nograd': extensions.VariableStatisticsPlot(var, report_grad=False,
                                                        percentile_sigmas=None),
        'var_nomean': extensions.VariableStatisticsPlot([var], plot_mean=False,
                                                        percentile_sigmas=(10, 50, 90),
                                                        filename='var.png'),
    }
    for name, ext in exts.items():
        trainer.extend(ext, name=name)
    numpy.random.seed(0)
    trainer.run()
    return trainer, exts


def test_statistics_and_sampling_match_chainer(tmp_path, golden):
    _, exts = _run(tmp_path, golden)
    for name, ext in exts.items():
        idxs, data = ext._samples.get_data()
        numpy.testing.assert_array_equal(idxs, golden[name + '_idxs'])
        numpy.testing.assert_allclose(data, golden[name + '_data'], rtol=1e-5, atol=1e-6)
        assert ext._samples.counter == golden[name + '_counter']


def test_png_written(tmp_path, golden):
    _run(tmp_path, golden)
    # As in Chainer: 'link' fires every 4 iterations, the others at each epoch end.
    for name in ('statistics.png', 'var.png'):
        assert (tmp_path / name).read_bytes()[:8] == b'\x89PNG\r\n\x1a\n'


def test_png_written_on_trigger(tmp_path):
    var = chainlite.Variable(numpy.arange(6, dtype='f'))
    var.grad = numpy.ones(6, 'f')
    ext = extensions.VariableStatisticsPlot(var, file_name='old.png', trigger=(1, 'iteration'),
                                            figsize=(4, 3), marker='o', grid=False)

    class _T:
        out = str(tmp_path)
        updater = type('U', (), {'iteration': 1, 'epoch': 0, 'epoch_detail': 0.5,
                                 'is_new_epoch': False})()
    ext(_T())
    assert (tmp_path / 'old.png').read_bytes()[:4] == b'\x89PNG'


def test_grad_none_gives_zeros():
    var = chainlite.Variable(numpy.arange(6, dtype='f'))
    ext = extensions.VariableStatisticsPlot(var, percentile_sigmas=(0, 100))
    stats = ext._collect()
    numpy.testing.assert_allclose(stats[0], [2.5, numpy.arange(6).std(), 0, 5], rtol=1e-6)
    numpy.testing.assert_array_equal(stats[1], numpy.zeros(4))


def test_arguments_and_errors():
    var = chainlite.Variable(numpy.zeros(3, 'f'))
    ext = extensions.VariableStatisticsPlot(var)
    assert ext._filename == 'statistics.png'
    assert (ext._keys, ext._data_shape) == (['data', 'grad'], (2, 11))
    both = extensions.VariableStatisticsPlot(var, filename='b.png', file_name='a.png')
    assert both._filename == 'b.png'
    assert extensions.VariableStatisticsPlot(var, report_data=False)._data_shape == (1, 11)
    assert extensions.VariableStatisticsPlot(var, plot_std=False)._data_shape == (2, 10)
    assert len(extensions.VariableStatisticsPlot([var, 3, numpy.zeros(2)])._vars) == 1
    assert (ext.trigger, ext.priority, ext.default_name) == \
        ((1, 'iteration'), 100, 'VariableStatisticsPlot')
    for bad in ([], numpy.zeros(3), 3):
        with pytest.raises(ValueError, match='at least one'):
            extensions.VariableStatisticsPlot(bad)
    with pytest.raises(ValueError, match='Nothing to plot'):
        extensions.VariableStatisticsPlot(var, plot_mean=False, plot_std=False,
                                          percentile_sigmas=())
    with pytest.raises(TypeError, match="'foo'"):
        extensions.VariableStatisticsPlot(var, foo=1)
    with pytest.raises(ValueError):
        extensions.VariableStatisticsPlot(var, trigger=(1, 'foo'))


def test_serialize_stores_nothing(tmp_path, golden):
    # Chainer's VariableStatisticsPlot keeps its samples out of snapshots.
    _, exts = _run(tmp_path, golden)
    ext = exts['link']
    s = serializers.DictionarySerializer()
    ext.serialize(s)
    assert s.target == {}
    fresh = extensions.VariableStatisticsPlot(chainlite.Variable(numpy.zeros(2, 'f')))
    fresh.serialize(serializers.NpzDeserializer(s.target))
    assert fresh._samples.counter == 0


def test_without_matplotlib_warns_and_does_nothing(monkeypatch, tmp_path):
    monkeypatch.setattr(vsp_module, '_matplotlib', lambda: None)
    var = chainlite.Variable(numpy.zeros(3, 'f'))
    ext = extensions.VariableStatisticsPlot(var, trigger=(1, 'iteration'))
    with pytest.warns(UserWarning, match='matplotlib is not installed'):
        assert not extensions.VariableStatisticsPlot.available()
    with pytest.warns(UserWarning, match='matplotlib is not installed'):
        ext(None)
    assert ext._samples.counter == 0
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        monkeypatch.undo()
        assert extensions.VariableStatisticsPlot.available()
