"""A link holding one array parameter."""
import numpy

from chainlite import backend, link
from chainlite.functions.math.identity import identity
from chainlite.variable import Parameter as _Parameter


class Parameter(link.Link):
    """Holds ``array`` as the parameter ``W``; calling the link returns ``W`` through
    ``F.identity`` (a new Variable on the same array, as in Chainer).

    >>> import numpy, chainlite.links as L
    >>> p = L.Parameter(numpy.zeros(3, numpy.float32))
    >>> p().shape, [path for path, _ in p.namedparams()]
    ((3,), ['/W'])
    """

    def __init__(self, array):
        super().__init__()
        if not hasattr(array, 'shape'):
            raise TypeError('Parameter: array must be a NumPy or CuPy array, got %s'
                            % type(array).__name__)
        with self.init_scope():
            self.W = _Parameter(array)
        if self.W.dtype.kind == 'f':  # as in Chainer: a NaN gradient until cleargrads()
            self.W.grad = backend.get_array_module(array).full_like(array, numpy.nan)

    def forward(self):
        return identity(self.W)
