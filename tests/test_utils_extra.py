"""chainlite.utils modules added for Chainer parity: conv, array, experimental, meta, tempdir."""
import os
import warnings

import numpy
import pytest

import chainlite
from chainlite.utils import array as uarray
from chainlite.utils import _compat, conv, meta


@pytest.mark.parametrize('size,k,s,p,cover_all,d', [
    (7, 3, 2, 1, False, 1), (7, 3, 2, 1, True, 1), (10, 3, 1, 0, False, 2), (6, 2, 3, 0, True, 1)])
def test_conv_outsize_counts_windows(size, k, s, p, cover_all, d):
    span, length = k + (k - 1) * (d - 1), size + 2 * p
    # A window starts at every multiple of s; it is kept when it fits, or, with
    # cover_all, when the previous window left elements uncovered.
    last = length - span + (s - 1 if cover_all else 0)
    expected = len(range(0, last + 1, s))
    assert conv.get_conv_outsize(size, k, s, p, cover_all, d) == expected


@pytest.mark.parametrize('size,k,s,p,d', [(4, 3, 2, 1, 1), (5, 4, 2, 1, 1), (6, 3, 1, 0, 2)])
def test_deconv_outsize_inverts_conv(size, k, s, p, d):
    out = conv.get_deconv_outsize(size, k, s, p, d=d)
    assert conv.get_conv_outsize(out, k, s, p, d=d) == size


def test_array_helpers():
    x = numpy.arange(24.0).reshape(2, 3, 4)
    assert uarray.as_mat(x).shape == (2, 12)
    assert uarray.as_vec(x).shape == (24,)
    assert uarray.empty_like(x).shape == x.shape
    numpy.testing.assert_array_equal(uarray.sum_to(x, (3, 1)), x.sum(axis=(0, 2))[:, None])
    numpy.testing.assert_array_equal(uarray.sum_to(x, (1, 4)), x.sum(axis=(0, 1))[None])
    with pytest.raises(ValueError, match='sum_to'):
        uarray.sum_to(x, (2, 2))


def test_experimental_warns_and_can_be_silenced(monkeypatch):
    with pytest.warns(FutureWarning, match='foo is experimental'):
        _compat.experimental('foo')
    monkeypatch.setattr(chainlite, 'disable_experimental_feature_warning', True, raising=False)
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        _compat.experimental('foo')


def test_nondeterministic_warns_only_when_asked():
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        _compat.nondeterministic('F.foo')


def test_final_methods():
    class Base(meta.enable_final()):
        @meta.final
        def f(self):
            return 1

        @meta.final(action=UserWarning)
        def g(self):
            return 2

    class Middle(Base):
        def h(self):
            return 3

    with pytest.raises(TypeError, match="method 'f' is final"):
        class Child(Middle):
            def f(self):
                return 0
    with pytest.warns(UserWarning, match="Overriding method 'g'"):
        class Other(Base):
            def g(self):
                return 0
    assert Other().f() == 1


def test_tempdir_is_removed():
    with _compat.tempdir(prefix='chainlite') as path:
        open(os.path.join(path, 'f'), 'w').close()
        assert os.path.basename(path).startswith('chainlite')
    assert not os.path.exists(path)
