"""Accuracy of binary classification."""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.utils import type_check


class BinaryAccuracy(FunctionNode):
    """The fraction of elements with ``(x >= 0) == t``, leaving out ``t == -1``."""

    ignore_label = -1

    def check_type_forward(self, in_types):
        type_check.argname(in_types, ('x', 't'))
        x_type, t_type = in_types
        type_check.expect(x_type.dtype.kind == 'f', t_type.dtype.kind == 'i',
                          t_type.shape == x_type.shape)

    def forward(self, inputs):
        x, t = inputs
        xp = backend.get_array_module(x)
        counted = t != self.ignore_label
        total = int(counted.sum())
        if total == 0:
            return xp.asarray(0.0, dtype=x.dtype),
        correct = ((x >= 0) == t) & counted
        return xp.asarray(correct.sum() / total, dtype=x.dtype),


def binary_accuracy(y, t):
    """Accuracy of binary scores ``y`` (positive means class 1) against labels ``t`` in {0, 1}.

    Labels equal to -1 are ignored (the accuracy is 0 when all are).

    >>> import numpy, chainlite.functions as F
    >>> y = numpy.array([-1.0, 2.0, 3.0], numpy.float32)
    >>> F.binary_accuracy(y, numpy.array([0, 0, -1], numpy.int32)).array
    array(0.5, dtype=float32)
    """
    return BinaryAccuracy().apply((y, t))[0]
