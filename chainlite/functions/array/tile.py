import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.array.reshape import reshape
from chainlite.functions.math.sum import sum as _sum


class Tile(FunctionNode):
    """``numpy.tile``; the gradient sums over the repetitions."""

    def __init__(self, reps):
        self.reps = reps

    def forward(self, inputs):
        x, = inputs
        xp = backend.get_array_module(x)
        return xp.tile(x, self.reps),

    def backward(self, indexes, grad_outputs):
        gy, = grad_outputs
        shape = self.inputs[0].shape
        d = max(len(shape), len(self.reps))
        reps = (1,) * (d - len(self.reps)) + self.reps
        shape_d = (1,) * (d - len(shape)) + tuple(shape)
        # Split every axis of gy into (repetition, original length), sum the repetitions.
        split = sum(((r, s) for r, s in zip(reps, shape_d)), ())
        gx = _sum(reshape(gy, split), axis=tuple(range(0, 2 * d, 2)))
        return reshape(gx, shape),


def tile(x, reps):
    """Repeats the whole of ``x`` ``reps`` times along each axis (``numpy.tile``).

    >>> import numpy, chainlite.functions as F
    >>> F.tile(numpy.arange(2.0), 2).array
    array([0., 1., 0., 1.])
    """
    if isinstance(reps, (int, numpy.integer)) and not isinstance(reps, bool):
        reps = (int(reps),)
    elif not (isinstance(reps, tuple)
              and all(isinstance(r, (int, numpy.integer)) for r in reps)):
        raise TypeError('tile: reps must be an int or a tuple of ints, got %r' % (reps,))
    if any(r < 0 for r in reps):
        raise ValueError('tile: every element of reps must be zero or larger, got %r' % (reps,))
    return Tile(tuple(int(r) for r in reps)).apply((x,))[0]
