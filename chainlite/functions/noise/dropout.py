"""Dropout."""
from chainlite import backend
from chainlite.configuration import config
from chainlite.function_node import FunctionNode
from chainlite.functions.noise import _util
from chainlite.utils import force_array, type_check
from chainlite.variable import as_variable


class Dropout(FunctionNode):
    """Multiplies ``x`` by a mask of zeros and ``1 / (1 - ratio)``."""

    def __init__(self, dropout_ratio, mask=None):
        _util.check_ratio('dropout', dropout_ratio)
        self.dropout_ratio = dropout_ratio
        self.mask = mask

    def check_type_forward(self, in_types):
        type_check.argname(in_types, ('x',))
        type_check.expect(in_types[0].dtype.kind == 'f')
        if self.mask is not None:
            type_check.expect(in_types[0].shape == self.mask.shape)

    def forward(self, inputs):
        x, = inputs
        if self.mask is None:
            xp = backend.get_array_module(x)
            scale = x.dtype.type(1 / (1 - self.dropout_ratio))
            # numpy.random.rand in Chainer's order, so a seed gives Chainer's mask.
            keep = xp.asarray(xp.random.rand(*x.shape) >= self.dropout_ratio)
            self.mask = keep.astype(x.dtype) * scale
        self.mask = self.mask.astype(x.dtype, copy=False)
        return force_array(x * self.mask),

    def backward(self, indexes, grad_outputs):
        return grad_outputs[0] * self.mask,


def dropout(x, ratio=.5, **kwargs):
    """Zeroes elements of ``x`` with probability ``ratio``, scaling the rest by ``1 / (1 - ratio)``.

    Only in training (``chainlite.config.train``); otherwise ``x`` passes
    unchanged. Keyword arguments: ``mask`` (an array of ``x``'s shape holding
    zeros and ``1 / (1 - ratio)``, used instead of a random draw) and
    ``return_mask`` (also return the mask used, None in test mode).

    >>> import numpy, chainlite, chainlite.functions as F
    >>> with chainlite.using_config('train', False):
    ...     F.dropout(numpy.ones(3)).array
    array([1., 1., 1.])
    """
    mask, return_mask = _util.pop_kwargs('dropout', kwargs, mask=None, return_mask=False)
    if not config.train:
        _util.check_ratio('dropout', ratio)
        y = as_variable(x)
        return (y, None) if return_mask else y
    func = Dropout(ratio, mask)
    y, = func.apply((x,))
    return (y, func.mask) if return_mask else y
