"""L2 regularization as a gradient hook."""
from chainlite import backend
from chainlite.optimizer_hooks._base import Hook


class WeightDecay(Hook):
    """Adds ``rate * param`` to the gradient (L2 regularization).

    Use it on an optimizer (every parameter) or on one update rule. As in
    Chainer 7, ``rate`` is multiplied by the parameter's loss scale (set by
    ``backward(loss_scale=...)``), since optimizer-level hooks see the scaled
    grad; a per-rule WeightDecay (which sees the grad divided back) gets the
    same multiplier, exactly as in Chainer.

    >>> import numpy, chainlite
    >>> p = chainlite.Parameter(numpy.ones(2, 'f'))
    >>> p.grad = numpy.zeros(2, 'f')
    >>> WeightDecay(0.1)(None, p)
    >>> p.grad.tolist()
    [0.10000000149011612, 0.10000000149011612]
    """

    name = 'WeightDecay'
    call_for_each_param = True
    timing = 'pre'

    def __init__(self, rate):
        self.rate = rate

    def __call__(self, rule, param):
        p, g = param.array, param.grad
        if p is None or g is None:
            return
        with backend.get_device_from_array(p):
            self.apply_arrays(p, g, param._loss_scale)

    def apply_arrays(self, p, g, loss_scale=None):
        """Adds the decay of ``p`` to ``g`` in place (chainlite; the fused update
        calls it on whole groups of parameters)."""
        rate = self.rate
        if loss_scale is not None:
            rate *= loss_scale
        g += rate * p
