"""Test markers of ``chainer.testing.attr`` as pytest marks.

``gpu``/``multi_gpu``/``cudnn`` map to chainlite's ``gpu`` mark (skipped without a
CUDA device), ``slow`` to ``slow``; ``chainerx`` and ``ideep`` tests are always
skipped (chainlite has neither).
"""
try:
    import pytest
except ImportError:  # markers are no-ops without pytest
    pytest = None


def _mark(name):
    return getattr(pytest.mark, name) if pytest else (lambda f: f)


def _skip(reason):
    return pytest.mark.skip(reason=reason) if pytest else (lambda f: f)


gpu = _mark('gpu')
cudnn = _mark('gpu')
slow = _mark('slow')
chainerx = _skip('ChainerX is not supported by chainlite')
ideep = _skip('iDeep is not supported by chainlite')


def multi_gpu(gpu_num):
    """Marks a test that needs ``gpu_num`` GPUs (chainlite's ``gpu`` mark)."""
    return _mark('gpu')
