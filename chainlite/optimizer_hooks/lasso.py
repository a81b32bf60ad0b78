"""L1 regularization as a gradient hook."""
from chainlite import backend
from chainlite.optimizer_hooks._base import Hook


class Lasso(Hook):
    """Adds ``rate * sign(param)`` to the gradient (L1 regularization).

    >>> import numpy, chainlite
    >>> p = chainlite.Parameter(numpy.array([2., -3.], 'f'))
    >>> p.grad = numpy.zeros(2, 'f')
    >>> Lasso(0.5)(None, p)
    >>> p.grad.tolist()
    [0.5, -0.5]
    """

    name = 'Lasso'
    call_for_each_param = True
    timing = 'pre'

    def __init__(self, rate):
        self.rate = rate

    def __call__(self, rule, param):
        p, g = param.array, param.grad
        if p is None or g is None:
            return
        with backend.get_device_from_array(p):
            self.apply_arrays(p, g)

    def apply_arrays(self, p, g, loss_scale=None):
        """Adds ``rate * sign(p)`` to ``g`` in place (chainlite; the loss scale is
        not used, as in Chainer)."""
        g += self.rate * backend.get_array_module(p).sign(p)
