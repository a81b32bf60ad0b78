"""Classification accuracy."""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.evaluation import _util


class Accuracy(FunctionNode):
    """The fraction of samples whose argmax over axis 1 equals the label (not differentiable)."""

    def __init__(self, ignore_label=None):
        self.ignore_label = ignore_label

    def check_type_forward(self, in_types):
        _util.expect_scores_and_labels(in_types)

    def forward(self, inputs):
        x, t = inputs
        xp = backend.get_array_module(x)
        correct = _util.predictions(x, t.shape) == t
        if self.ignore_label is None:
            return xp.asarray(correct.mean(), dtype=x.dtype),
        counted = t != self.ignore_label
        total = int(counted.sum())
        if total == 0:
            return xp.asarray(0.0, dtype=x.dtype),
        return xp.asarray((correct & counted).sum() / total, dtype=x.dtype),


def accuracy(y, t, ignore_label=None):
    """Accuracy of class scores ``y`` (N, C, ...) against integer labels ``t`` (N, ...).

    Labels equal to ``ignore_label`` are left out of the count; when all are,
    the accuracy is 0. Returns a 0-dim Variable of ``y``'s dtype.

    >>> import numpy, chainlite.functions as F
    >>> y = numpy.array([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]], numpy.float32)
    >>> F.accuracy(y, numpy.array([1, 1, -1], numpy.int32), ignore_label=-1).array
    array(0.5, dtype=float32)
    """
    return Accuracy(ignore_label).apply((y, t))[0]
