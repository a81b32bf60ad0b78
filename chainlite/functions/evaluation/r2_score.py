"""Coefficient of determination."""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.utils import type_check


class R2_score(FunctionNode):
    """``1 - SS_res / SS_tot`` along axis 0 (0 where ``true`` is constant); not differentiable."""

    def __init__(self, sample_weight, multioutput):
        if sample_weight is not None:
            raise NotImplementedError('r2_score: sample_weight is not supported')
        if multioutput not in ('uniform_average', 'raw_values'):
            raise ValueError("r2_score: multioutput must be 'uniform_average' or 'raw_values', "
                             'got %r' % (multioutput,))
        self.multioutput = multioutput

    def check_type_forward(self, in_types):
        type_check.argname(in_types, ('pred', 'true'))
        pred_type, true_type = in_types
        type_check.expect(pred_type.dtype.kind == 'f', true_type.dtype.kind == 'f',
                          pred_type.shape == true_type.shape)

    def forward(self, inputs):
        pred, true = inputs
        xp = backend.get_array_module(pred)
        ss_res = ((true - pred) ** 2).sum(axis=0)
        ss_tot = ((true - true.mean(axis=0)) ** 2).sum(axis=0)
        nonzero = ss_tot != 0
        score = xp.where(nonzero, 1 - ss_res / xp.where(nonzero, ss_tot, 1), 0.0)
        score = xp.asarray(score, dtype=pred.dtype)
        if self.multioutput == 'uniform_average':
            score = xp.asarray(score.mean(), dtype=pred.dtype)
        return score,


def r2_score(pred, true, sample_weight=None, multioutput='uniform_average'):
    """R^2 of regression outputs ``pred`` against targets ``true`` (same shape).

    Computed per output (over axis 0); ``multioutput='uniform_average'``
    averages them, ``'raw_values'`` returns them all. A constant target
    column scores 0.

    >>> import numpy, chainlite.functions as F
    >>> t = numpy.array([1.0, 2.0, 3.0])
    >>> F.r2_score(t + numpy.array([0.1, -0.1, 0.0]), t).array
    array(0.99)
    """
    return R2_score(sample_weight, multioutput).apply((pred, true))[0]
