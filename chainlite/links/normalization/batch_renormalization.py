"""The batch renormalization layer (Ioffe, 2017)."""
from chainlite.configuration import config
from chainlite import functions as F
from chainlite.links.normalization.batch_normalization import BatchNormalization


class BatchRenormalization(BatchNormalization):
    """Batch normalization corrected towards the running statistics by ``r`` and ``d``.

    In training ``r`` is clipped to ``[1/rmax, rmax]`` and ``d`` to
    ``[-dmax, dmax]``; in testing it is plain batch normalization with the
    running statistics.

    >>> import numpy, chainlite.links as L
    >>> brn = L.BatchRenormalization(3, rmax=2.0, dmax=1.0)
    >>> brn(numpy.random.randn(8, 3).astype(numpy.float32)).shape
    (8, 3)
    """

    def __init__(self, size, rmax=1, dmax=0, decay=0.9, eps=2e-5, dtype=None, use_gamma=True,
                 use_beta=True, initial_gamma=None, initial_beta=None, initial_avg_mean=None,
                 initial_avg_var=None):
        super().__init__(size, decay, eps, dtype, use_gamma, use_beta, initial_gamma,
                         initial_beta, initial_avg_mean=initial_avg_mean,
                         initial_avg_var=initial_avg_var)
        self.rmax = rmax
        self.dmax = dmax
        self.r = None
        self.d = None

    def forward(self, x, finetune=False):
        self._prepare(x)
        gamma, beta = self._gamma_beta(x)
        if config.train:
            return F.batch_renormalization(
                x, gamma, beta, self.rmax, self.dmax, eps=self.eps,
                running_mean=self.avg_mean, running_var=self.avg_var,
                decay=self._decay(finetune), update_statistics=True)
        return F.fixed_batch_normalization(x, gamma, beta, self.avg_mean, self.avg_var,
                                           self.eps)
