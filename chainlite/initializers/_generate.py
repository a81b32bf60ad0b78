"""generate_array and the conversion of initializer-like values."""
import numbers

import numpy

from chainlite import backend
from chainlite.initializers._base import get_default_dtype
from chainlite.initializers.constant import Constant
from chainlite.initializers.normal import LeCunNormal


def generate_array(initializer, shape, xp, dtype=None, device=None):
    """Returns a new array of ``shape`` filled by ``initializer``.

    The dtype is ``dtype``, else the initializer's own ``dtype``, else the
    default (float32). The array is made by ``xp`` (``numpy`` or ``cupy``), or
    on ``device`` when one is given.

    One line per weight when a model is a plain function (MATLAB style):

    >>> import numpy
    >>> from chainlite import initializers as I
    >>> W1 = I.generate_array(I.HeNormal(), (16, 8), numpy)
    >>> b1 = I.generate_array(I.Zero(), 16, numpy)
    >>> W1.shape, b1.shape, W1.dtype
    ((16, 8), (16,), dtype('float32'))
    """
    own = getattr(initializer, 'dtype', None)
    if dtype is not None and own is not None and numpy.dtype(dtype) != numpy.dtype(own):
        raise ValueError('generate_array: dtype %s differs from the initializer\'s dtype %s'
                         % (numpy.dtype(dtype), numpy.dtype(own)))
    dtype = numpy.dtype(dtype or own or get_default_dtype())
    device = backend.get_device(xp if device is None else device)
    with device:
        array = device.xp.empty(shape, dtype)
    initializer(array)
    return array


def _get_initializer(initializer):
    """Turns an initializer-like value into an initializer.

    ``None`` gives ``LeCunNormal()`` (Chainer's default for weights); a scalar
    or an array gives ``Constant`` of it; a callable is used as it is.

    >>> type(_get_initializer(0.5)).__name__
    'Constant'
    """
    if initializer is None:
        return LeCunNormal()
    if isinstance(initializer, (numbers.Number, numpy.generic, numpy.ndarray)) \
            or backend.is_gpu_array(initializer):
        return Constant(initializer)
    if callable(initializer):
        return initializer
    raise TypeError('invalid type of initializer: %s (expected an initializer, a callable, '
                    'a scalar or an array)' % type(initializer))
