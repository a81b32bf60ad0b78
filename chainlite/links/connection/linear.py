"""The fully-connected layer."""
from chainlite import functions as F
from chainlite import link
from chainlite.links import _util


class Linear(link.Link):
    """``y = x W^T + b`` with ``W`` of shape ``(out_size, in_size)``.

    ``Linear(out_size)`` (or ``in_size=None``) infers ``in_size`` from the
    first input and draws ``W`` then. ``W`` defaults to LeCunNormal, ``b`` to 0.

    >>> import numpy, chainlite.links as L
    >>> l = L.Linear(3)
    >>> l(numpy.ones((2, 5), numpy.float32)).shape, l.W.shape
    ((2, 3), (3, 5))
    """

    def __init__(self, in_size, out_size=None, nobias=False, initialW=None, initial_bias=None):
        super().__init__()
        if out_size is None:
            in_size, out_size = None, in_size
        self.in_size = in_size
        self.out_size = out_size
        with self.init_scope():
            self.W = _util.param(initialW)
            if in_size is not None:
                self._initialize_params(in_size)
            self.b = None if nobias else _util.bias_param(initial_bias, out_size)

    @classmethod
    def from_params(cls, W, b=None, nobias=False):
        """A Linear holding copies of ``W`` ``(out_size, in_size)`` and ``b`` (0 if None).

        >>> import numpy, chainlite.links as L
        >>> L.Linear.from_params(numpy.ones((2, 3), numpy.float32)).b.array.tolist()
        [0.0, 0.0]
        """
        W, b = _util.from_params_arrays(cls, W, b, 'out_size')
        out_size, in_size = W.shape
        return cls(in_size, out_size, nobias, initialW=W, initial_bias=b)

    def _initialize_params(self, in_size):
        self.W.initialize((self.out_size, in_size))

    @property
    def printable_specs(self):
        yield from (('in_size', self.in_size), ('out_size', self.out_size),
                    ('nobias', self.b is None))

    def forward(self, x, n_batch_axes=1):
        """Applies the layer; the first ``n_batch_axes`` axes of ``x`` are batch axes."""
        in_size = 1
        for s in x.shape[n_batch_axes:]:
            in_size *= s
        if self.W.array is None:
            self._initialize_params(in_size)
        else:
            _util.check_input_size(self, self.W.shape[1], in_size, x.shape, 'features')
        return F.linear(x, self.W, self.b, n_batch_axes=n_batch_axes)
