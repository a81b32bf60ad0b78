"""Type checks shared by the elementwise regression losses."""
from chainlite.utils import type_check


def check_pair(in_types):
    """x0 and x1: floating point arrays of one dtype and one shape."""
    type_check.argname(in_types, ('x0', 'x1'))
    x0, x1 = in_types
    type_check.expect(x0.dtype.kind == 'f', x0.dtype == x1.dtype, x0.shape == x1.shape)
