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

    def forward(self, x):
        return F.embed_id(x, self.W, ignore_label=self.ignore_label)
