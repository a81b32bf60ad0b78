"""UnitForgetGate: the LSTM bias with its forget-gate part set apart."""
from chainlite import backend
from chainlite.initializers._base import Initializer
from chainlite.initializers._generate import _get_initializer


class UnitForgetGate(Initializer):
    """Fills an LSTM bias laid out as Chainer's ``L.LSTM`` lays it out.

    The bias of ``n`` units has ``4 * n`` entries, interleaved per unit as
    ``(a, i, f, o)``: cell input, input gate, forget gate, output gate. The
    forget-gate entries come from ``forget_bias_init`` (1 by default, MATLAB's
    'unit-forget-gate'), the others from ``bias_init``. Each initializer, if
    random, draws its parts in the order a, i, f, o, as Chainer does.

    >>> import numpy
    >>> b = numpy.empty(8, numpy.float32)
    >>> UnitForgetGate()(b)
    >>> b.tolist()
    [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0]
    """

    def __init__(self, bias_init=0.0, forget_bias_init=1.0, dtype=None):
        super().__init__(dtype)
        self.bias_init = _get_initializer(bias_init)
        self.forget_bias_init = _get_initializer(forget_bias_init)

    def __call__(self, array):
        self._check_dtype(array)
        if array.ndim != 1 or array.size % 4:
            raise ValueError('UnitForgetGate: needs a 1-D array of 4 * units entries, '
                             'got shape %s' % (array.shape,))
        xp = backend.get_array_module(array)
        gates = xp.empty((4, array.size // 4), array.dtype)
        for k in range(4):
            (self.forget_bias_init if k == 2 else self.bias_init)(gates[k])
        array[...] = gates.T.reshape(-1)
