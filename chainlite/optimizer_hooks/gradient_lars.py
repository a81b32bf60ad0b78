"""Layer-wise adaptive rate scaling (You et al., 2017)."""
import numpy

from chainlite import backend
from chainlite.optimizer_hooks._base import Hook


class GradientLARS(Hook):
    """Scales ``grad + weight_decay * p`` by ``||p|| / (eps + ||g|| + weight_decay * ||p||)``.

    The scaling applies to parameters whose norm ``||p||`` exceeds ``threshold``
    (as in Chainer); the weight decay term is added either way.

    >>> import numpy, chainlite
    >>> p = chainlite.Parameter(numpy.array([3., 4.], 'f'))
    >>> p.grad = numpy.array([0., 0.5], 'f')
    >>> GradientLARS(threshold=0.01, eps=0)(None, p)
    >>> p.grad.tolist()
    [0.0, 5.0]
    """

    name = 'GradientLARS'
    call_for_each_param = True
    timing = 'pre'

    def __init__(self, threshold=1e-2, weight_decay=0.0, eps=1e-9):
        self.threshold = threshold
        self.weight_decay = weight_decay
        self.eps = eps

    def __call__(self, rule, param):
        p, g = param.array, param.grad
        if p is None or g is None:
            return
        xp = backend.get_array_module(p)
        with backend.get_device_from_array(p):
            # the norms in the arrays' precision, the rate from them in float64 and
            # rounded once to the gradient's dtype (Chainer 7.8.1's rounding under
            # NumPy 1, bit for bit)
            p_norm = xp.linalg.norm(p).astype(numpy.float64)
            g_norm = xp.linalg.norm(g).astype(numpy.float64)
            local_rate = p_norm / (self.eps + g_norm + self.weight_decay * p_norm)
            rate = xp.where(p_norm > self.threshold, local_rate, 1.0).astype(g.dtype)
            g += self.weight_decay * p
            g *= rate
