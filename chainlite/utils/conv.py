"""Output-size arithmetic of convolutions (``chainer.utils.conv``).

>>> get_conv_outsize(32, 3, 1, 1)
32
>>> get_deconv_outsize(16, 4, 2, 1)
32
"""


def _dilated(k, d):
    return k + (k - 1) * (d - 1)


def get_conv_outsize(size, k, s, p, cover_all=False, d=1):
    """Output length of a window of size ``k`` (dilation ``d``) sliding with stride ``s``
    over ``size`` elements padded by ``p`` on both sides (``cover_all``: keep a last
    partial window)."""
    dk = _dilated(k, d)
    if cover_all:
        return (size + p * 2 - dk + s - 1) // s + 1
    return (size + p * 2 - dk) // s + 1


def get_deconv_outsize(size, k, s, p, cover_all=False, d=1):
    """Output length of a transposed convolution (the inverse of ``get_conv_outsize``)."""
    dk = _dilated(k, d)
    if cover_all:
        return s * (size - 1) + dk - s + 1 - 2 * p
    return s * (size - 1) + dk - 2 * p
