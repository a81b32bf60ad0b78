"""``absolute``: elementwise absolute value (also ``abs(variable)``), for float input.

>>> import numpy, chainlite.functions as F
>>> F.absolute(numpy.array([-2.0])).array.tolist()
[2.0]
"""
from chainlite.functions.math._util import check_float
from chainlite.functions.math.basic_math import Absolute


class _FloatAbsolute(Absolute):
    def forward(self, inputs):
        check_float(self.label, x=inputs[0])
        return super().forward(inputs)


def absolute(x):
    """Elementwise absolute value (also ``abs(variable)``)."""
    return _FloatAbsolute().apply((x,))[0]
