"""The BlackOut loss layer (Ji et al., 2016)."""
from chainlite import functions as F
from chainlite import link
from chainlite.links.loss.negative_sampling import _sync_sampler
from chainlite.utils import WalkerAlias
from chainlite.variable import Parameter


class BlackOut(link.Link):
    """BlackOut loss with output embeddings ``W`` of shape ``(len(counts), in_size)``.

    Each call draws ``sample_size`` negatives per example from ``counts`` by a
    :class:`WalkerAlias` sampler. As in Chainer, ``W`` starts as NaN: set it
    (e.g. ``link.W.array[...] = ...`` or with an initializer) before training.

    >>> import numpy, chainlite.links as L
    >>> bo = L.BlackOut(3, [5, 1, 2, 4], sample_size=2)
    >>> bo.W.array[...] = 0.1
    >>> bo(numpy.ones((2, 3), numpy.float32), numpy.array([0, 3], numpy.int32)).shape
    ()
    """

    # Fixed negative samples (an int array (batch, sample_size)) instead of drawing them,
    # e.g. to reproduce a run; None draws.
    sample_data = None

    def __init__(self, in_size, counts, sample_size):
        super().__init__()
        self.sampler = WalkerAlias(counts)
        self.sample_size = sample_size
        with self.init_scope():
            self.W = Parameter(shape=(len(counts), in_size))

    def forward(self, x, t):
        _sync_sampler(self)
        if self.sample_data is not None:
            neg_samples = self.sample_data
        else:
            neg_samples = self.sampler.sample((len(t), self.sample_size))
        return F.black_out(x, t, self.W, neg_samples)
