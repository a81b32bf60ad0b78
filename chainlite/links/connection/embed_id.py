"""The word-embedding layer."""
from chainlite import functions as F
from chainlite import initializers
from chainlite import link
from chainlite.links import _util


class EmbedID(link.Link):
    """Looks up rows of ``W`` (``(in_size, out_size)``, default ``Normal(1.0)``) by integer id.

    Ids equal to ``ignore_label`` give zero vectors.

    >>> import numpy, chainlite.links as L
    >>> emb = L.EmbedID(10, 4, ignore_label=-1)
    >>> emb(numpy.array([3, -1], numpy.int32)).shape
    (2, 4)
    """

    ignore_label = None

    def __init__(self, in_size, out_size, initialW=None, ignore_label=None):
        super().__init__()
        self.ignore_label = ignore_label
        if initialW is None:
            initialW = initializers.Normal(1.0)
        with self.init_scope():
            self.W = _util.param(initialW, (in_size, out_size))

    @classmethod
    def from_params(cls, W, ignore_label=None):
        """An EmbedID holding a copy of ``W`` ``(in_size, out_size)``.

        >>> import numpy, chainlite.links as L
        >>> L.EmbedID.from_params(numpy.ones((5, 3), numpy.float32)).W.shape
        (5, 3)
        """
        W = getattr(W, 'array', W)
        return cls(W.shape[0], W.shape[1], initialW=W, ignore_label=ignore_label)

    def forward(self, x):
        return F.embed_id(x, self.W, ignore_label=self.ignore_label)
