"""The maxout layer (Goodfellow et al., 2013)."""
from chainlite import functions as F
from chainlite import link
from chainlite import utils
from chainlite.links.connection.linear import Linear


def _reshaped(value, ndim, shape, name):
    """An array initializer of ``ndim`` axes flattened to ``shape``, as Chainer does."""
    if not (hasattr(value, 'ndim') and hasattr(value, 'shape')):
        return value
    if value.ndim != ndim:
        raise ValueError('Maxout: %s must have %d axes, got shape %s' % (name, ndim, value.shape))
    if value.size != utils.size_of_shape(shape):
        raise ValueError('Maxout: %s of shape %s does not fit %s' % (name, value.shape, shape))
    return value.reshape(shape)


class Maxout(link.Chain):
    """A Linear layer to ``out_size * pool_size`` units, then the max over each pool.

    ``initialW``, if an array, has shape ``(out_size, pool_size, in_size)`` and
    ``initial_bias`` ``(out_size, pool_size)``; ``initial_bias=None`` means no bias,
    as in Chainer.

    >>> import numpy, chainlite.links as L
    >>> L.Maxout(3, 4, 2)(numpy.ones((5, 3), numpy.float32)).shape
    (5, 4)
    """

    def __init__(self, in_size, out_size, pool_size, initialW=None, initial_bias=0):
        super().__init__()
        linear_out = out_size * pool_size
        initialW = _reshaped(initialW, 3, (linear_out, in_size), 'initialW')
        initial_bias = _reshaped(initial_bias, 2, (linear_out,), 'initial_bias')
        self.out_size = out_size
        self.pool_size = pool_size
        with self.init_scope():
            self.linear = Linear(in_size, linear_out, nobias=initial_bias is None,
                                 initialW=initialW, initial_bias=initial_bias)

    def forward(self, x):
        return F.maxout(self.linear(x), self.pool_size)
