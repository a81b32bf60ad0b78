"""Walker's alias method: O(1) sampling from a discrete distribution.

>>> import numpy
>>> sampler = WalkerAlias([1., 2., 3., 4.])
>>> sampler.sample((2, 3)).shape
(2, 3)
"""
import numpy

from chainlite import backend


class WalkerAlias:
    """Samples ``i`` with probability ``probs[i] / sum(probs)`` (Chainer's ``utils.WalkerAlias``).

    Each of the ``n`` slots holds its own index with probability ``threshold``
    and an alias otherwise. The table is built exactly as Chainer builds it and
    ``sample`` draws one ``numpy.random.uniform`` per sample, so a seed gives
    Chainer's samples.
    """

    def __init__(self, probs):
        probs = numpy.array(probs, numpy.float32)
        probs /= probs.sum()
        n = len(probs)
        threshold = numpy.ones(n, numpy.float32)
        values = numpy.zeros(2 * n, numpy.int32)
        n_own = n_alias = 0
        # Visit indices by increasing probability; a large one fills the free
        # (alias) halves of the slots of the small ones visited before it.
        # The arithmetic on p is float64, as Chainer's was under NumPy 1, so the
        # float32 table matches Chainer's to the last bit.
        for i in numpy.argsort(probs, kind='stable'):
            p = float(probs[i]) * n
            while p > 1 and n_alias < n_own:
                values[2 * n_alias + 1] = i
                p -= 1.0 - float(threshold[n_alias])
                n_alias += 1
            threshold[n_own] = p
            values[2 * n_own] = i
            n_own += 1
        self.threshold = threshold
        self.values = values

    @property
    def xp(self):
        return backend.get_array_module(self.threshold)

    def to_device(self, device):
        device = backend.get_device(device)
        self.threshold = device.send(self.threshold)
        self.values = device.send(self.values)
        return self

    @property
    def use_gpu(self):
        """Whether the table lives on a GPU."""
        return self.xp is not numpy

    def sample(self, shape):
        """Returns int32 samples of ``shape`` (on the table's device)."""
        return self.sample_xp(self.xp, shape)

    def sample_gpu(self, shape):
        """``sample`` with CuPy (the table must be on the GPU)."""
        return self.sample_xp(backend.cupy, shape)

    def sample_xp(self, xp, shape):
        """Returns int32 samples of ``shape``, drawn with ``xp.random``."""
        ps = xp.random.uniform(0, 1, shape)
        pb = ps * len(self.threshold)
        index = pb.astype(numpy.int32)
        right = (self.threshold[index] < pb - index).astype(numpy.int32)
        return self.values[index * 2 + right]
