"""The negative-sampling loss layer (Mikolov et al., 2013)."""
import numpy

from chainlite import functions as F
from chainlite import link
from chainlite.links import _util
from chainlite.utils import WalkerAlias


class NegativeSampling(link.Link):
    """Negative-sampling loss with output embeddings ``W`` of shape ``(len(counts), in_size)``.

    Negatives are drawn from the unigram distribution ``counts ** power`` by a
    :class:`WalkerAlias` sampler, ``sample_size`` per example. ``W`` starts at 0.

    >>> import numpy, chainlite.links as L
    >>> ns = L.NegativeSampling(3, [5, 1, 2, 4], sample_size=2)
    >>> x = numpy.ones((2, 3), numpy.float32)
    >>> ns(x, numpy.array([0, 3], numpy.int32)).shape
    ()
    """

    def __init__(self, in_size, counts, sample_size, power=0.75, dtype=None):
        super().__init__()
        probs = numpy.power(numpy.array(counts, dtype or numpy.float32), power)
        self.sample_size = sample_size
        self.sampler = WalkerAlias(probs)
        with self.init_scope():
            self.W = _util.param(0, (len(counts), in_size))

    def forward(self, x, t, reduce='sum', *, return_samples=False):
        """The loss (summed, or per example with ``reduce='no'``); also the samples if asked."""
        _sync_sampler(self)
        return F.negative_sampling(x, t, self.W, self.sampler.sample, self.sample_size,
                                   reduce=reduce, return_samples=return_samples)


def _sync_sampler(link):
    """Keeps a link's sampler on the link's device (Link.to_device moves only arrays)."""
    if link.sampler.xp is not link.xp:
        link.sampler.to_device(link.device)
