"""The decorrelated batch normalization layer (Huang et al., 2018)."""
import numpy

from chainlite import functions as F
from chainlite import link
from chainlite.configuration import config
from chainlite.utils import argument


class DecorrelatedBatchNormalization(link.Link):
    """Whitens groups of ``size // groups`` channels with batch statistics in training and
    with the running statistics ``avg_mean`` / ``avg_projection`` in testing.

    Persistents (Chainer's names and shapes): ``avg_mean`` ``(groups, size // groups)``,
    ``avg_projection`` ``(groups, size // groups, size // groups)`` (identity at first)
    and ``N``, the number of batches seen in fine-tuning mode. No learnable parameters.

    >>> import numpy, chainlite.links as L
    >>> dbn = L.DecorrelatedBatchNormalization(4, groups=2)
    >>> dbn(numpy.random.randn(6, 4).astype(numpy.float32)).shape
    (6, 4)
    >>> dbn.avg_projection.shape
    (2, 2, 2)
    """

    def __init__(self, size, groups=16, decay=0.9, eps=2e-5, dtype=numpy.float32):
        super().__init__()
        if size % groups:
            raise ValueError('DecorrelatedBatchNormalization: size %d is not divisible by '
                             'groups %d' % (size, groups))
        cg = size // groups
        dtype = numpy.dtype(dtype)
        self.add_persistent('avg_mean', numpy.zeros((groups, cg), dtype))
        self.add_persistent('avg_projection',
                            numpy.broadcast_to(numpy.eye(cg, dtype=dtype), (groups, cg, cg)).copy())
        self.add_persistent('N', 0)
        self.decay = decay
        self.eps = eps
        self.groups = groups

    def start_finetuning(self):
        """Restarts the fine-tuning average (``N = 0``)."""
        self.N = 0

    def forward(self, x, **kwargs):
        """``x`` is ``(N, size, ...)``; ``finetune=True`` averages the statistics of all
        batches seen so far (decay ``1 - 1/N``) instead of decaying them."""
        finetune, = argument.parse_kwargs(
            kwargs, ('finetune', False),
            test='the test argument is not supported anymore; use '
                 "chainlite.using_config('train', False)")
        if not config.train:
            return F.fixed_decorrelated_batch_normalization(
                x, self.avg_mean, self.avg_projection, groups=self.groups)
        decay = self.decay
        if finetune:
            self.N += 1
            decay = 1. - 1. / self.N
        return F.decorrelated_batch_normalization(
            x, groups=self.groups, eps=self.eps, running_mean=self.avg_mean,
            running_projection=self.avg_projection, decay=decay)
