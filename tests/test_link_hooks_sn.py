"""SpectralNormalization against Chainer 7.8.1 (tests/data/link_hooks_sn.npz, made by
tools/goldens/link_hooks_sn.py), its gradient, and the link-hook plumbing of Link."""
import pathlib

import numpy
import pytest

import chainlite
import chainlite.functions as F
import chainlite.links as L
from chainlite import gradient_check, serializers
from chainlite.link_hooks import SpectralNormalization

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOLDEN = dict(numpy.load(ROOT / 'tests' / 'data' / 'link_hooks_sn.npz'))
CALLS = 2
# the cases of the golden script (which runs under Chainer): link, hook arguments
CASES = {
    'linear': (lambda: L.Linear(3, 4), {}),
    'linear_uninit': (lambda: L.Linear(None, 4), {}),
    'linear_gamma': (lambda: L.Linear(3, 4), {'use_gamma': True}),
    'linear_factor_iter': (lambda: L.Linear(3, 4), {'factor': 2.0, 'n_power_iteration': 3}),
    'conv': (lambda: L.Convolution2D(2, 3, 2), {'n_power_iteration': 2}),
    'deconv': (lambda: L.Deconvolution2D(2, 3, 2), {}),
    'embed': (lambda: L.EmbedID(6, 4), {}),
}


def close(got, want):
    numpy.testing.assert_allclose(got, want, rtol=2e-5, atol=2e-6)


@pytest.mark.parametrize('case', sorted(CASES))
def test_matches_chainer(case):
    make, kwargs = CASES[case]
    x = GOLDEN[case + '/x']
    numpy.random.seed(0)
    link = make()
    link.add_hook(SpectralNormalization(**kwargs))
    if case + '/uinit' in GOLDEN:
        close(link.W_u, GOLDEN[case + '/uinit'])
    else:
        assert not hasattr(link, 'W_u')  # drawn at the first forward
    if case + '/gamma' in GOLDEN:
        close(link.gamma.array, GOLDEN[case + '/gamma'])
    for k in range(CALLS):
        link.cleargrads()
        y = link(x)
        close(y.array, GOLDEN['%s/y%d' % (case, k)])
        close(link.W_u, GOLDEN['%s/u%d' % (case, k)])
        assert isinstance(link.W, chainlite.Parameter)  # restored after the forward
        if '%s/gW%d' % (case, k) not in GOLDEN:
            continue
        F.sum(y * y).backward()
        close(link.W.grad, GOLDEN['%s/gW%d' % (case, k)])
        if case == 'linear_gamma':
            close(link.gamma.grad, GOLDEN['%s/ggamma%d' % (case, k)])
    with chainlite.using_config('train', False):
        close(link(x).array, GOLDEN[case + '/ytest'])
    close(link.W_u, GOLDEN[case + '/utest'])  # not updated in test mode


@pytest.mark.parametrize('kwargs', [{}, {'use_gamma': True, 'factor': 0.5}])
def test_gradient_of_the_normalized_weight(kwargs):
    # As in Chainer, the gradient treats the power iteration's vectors as constants: that
    # is the true gradient once they have converged to W's singular vectors, which many
    # iterations ensure here, so the numerical derivative can check it.
    rng = numpy.random.RandomState(3)
    link = L.Linear(3, 4)
    link.add_hook(SpectralNormalization(n_power_iteration=300, **kwargs))
    x = rng.standard_normal((5, 3))
    W = rng.standard_normal((4, 3))
    u = link.W_u.astype(numpy.float64)

    def f(W):
        link.W_u = u.copy()  # the same power iteration start for every evaluation
        link.W.array = None
        with chainlite.using_config('train', False):
            hook = link.local_link_hooks['SpectralNormalization']
            original = link.W
            link.W = W
            try:
                return F.linear(x, hook.normalize_weight(link))
            finally:
                link.W = original

    if 'use_gamma' in kwargs:
        link.gamma.array = link.gamma.array.astype(numpy.float64)
    gradient_check.check_backward(f, W, rng.standard_normal((5, 4)), dtype=numpy.float64,
                                  atol=1e-5, rtol=1e-4)


def test_hook_state_is_saved_and_loaded(tmp_path):
    numpy.random.seed(0)
    link = L.Linear(3, 4).add_hook(SpectralNormalization())
    link(numpy.ones((2, 3), numpy.float32))
    serializers.save_npz(tmp_path / 'sn.npz', link)
    with numpy.load(tmp_path / 'sn.npz') as f:
        assert set(f.files) == {'W', 'b', 'W_u'}
        saved = f['W_u']
    other = L.Linear(3, 4).add_hook(SpectralNormalization())
    serializers.load_npz(tmp_path / 'sn.npz', other)
    numpy.testing.assert_array_equal(other.W_u, saved)


def test_delete_hook_removes_its_state_and_errors():
    link = L.Linear(3, 4).add_hook(SpectralNormalization(use_gamma=True))
    assert sorted(link._persistent) == ['W_u'] and link.gamma is not None
    link.delete_hook('SpectralNormalization')
    assert not hasattr(link, 'W_u') and not hasattr(link, 'gamma')
    assert sorted(name for name, _ in link.namedparams()) == ['/W', '/b']
    with pytest.raises(KeyError, match='Hook SpectralNormalization does not exist'):
        link.delete_hook('SpectralNormalization')
    with pytest.raises(NotImplementedError, match='not supposed to be used as context manager'):
        with SpectralNormalization():
            pass
    with pytest.raises(ValueError, match='n_power_iteration must be at least 1'):
        SpectralNormalization(n_power_iteration=0)


def test_link_hook_order_names_and_errors():
    log = []

    class Tag(chainlite.LinkHook):
        def __init__(self, tag):
            self.name = tag

        def added(self, link):
            log.append(('added', self.name, type(link).__name__))

        def deleted(self, link):
            log.append(('deleted', self.name, type(link).__name__))

        def forward_preprocess(self, args):
            log.append(('pre', self.name, args.forward_name, len(args.args), args.kwargs))

        def forward_postprocess(self, args):
            log.append(('post', self.name, args.out.shape))

    link = L.Linear(2, 3)
    assert link.add_hook(Tag('a')) is link
    link.add_hook(Tag('b'), name='bb')
    with Tag('g'):
        link(numpy.ones((1, 2), numpy.float32))
    assert log == [('added', 'a', 'Linear'), ('added', 'b', 'Linear'),
                   ('added', 'g', 'NoneType'),
                   ('pre', 'g', 'forward', 1, {}), ('pre', 'a', 'forward', 1, {}),
                   ('pre', 'b', 'forward', 1, {}),
                   ('post', 'g', (1, 3)), ('post', 'a', (1, 3)), ('post', 'b', (1, 3)),
                   ('deleted', 'g', 'NoneType')]
    assert list(link.local_link_hooks) == ['a', 'bb']
    with pytest.raises(KeyError, match='Hook a already exists'):
        link.add_hook(Tag('a'))
    with pytest.raises(TypeError, match='Hook must be of type LinkHook'):
        link.add_hook(object())
    del log[:]
    link.delete_hook('a')
    assert log == [('deleted', 'a', 'Linear')] and list(link.local_link_hooks) == ['bb']
