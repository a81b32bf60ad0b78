"""A link holding one array parameter."""
from chainlite import link
from chainlite.variable import Parameter as _Parameter


class Parameter(link.Link):
    """Holds ``array`` as the parameter ``W``; calling the link returns ``W``.

    >>> import numpy, chainlite.links as L
    >>> p = L.Parameter(numpy.zeros(3, numpy.float32))
    >>> p().shape, [path for path, _ in p.namedparams()]
    ((3,), ['/W'])
    """

    def __init__(self, array):
        super().__init__()
        with self.init_scope():
            self.W = _Parameter(array)

    def forward(self):
        return self.W
