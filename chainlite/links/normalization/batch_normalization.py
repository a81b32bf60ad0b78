"""The batch normalization layer (Ioffe and Szegedy, 2015)."""
import copy

import numpy

from chainlite.configuration import config
from chainlite import functions as F
from chainlite import initializers
from chainlite import link
from chainlite.variable import Parameter


def _dtyped(initializer, default, dtype):
    """A copy of the initializer (``default`` if None) that makes arrays of ``dtype``."""
    initializer = copy.copy(
        initializers._get_initializer(default if initializer is None else initializer))
    initializer.dtype = dtype
    return initializer


class BatchNormalization(link.Link):
    """Normalizes with the batch statistics in training, the running ones in testing.

    ``gamma`` (init 1) and ``beta`` (init 0) have ``size`` (an int or a shape);
    the persistents ``avg_mean``, ``avg_var`` (the unbiased running variance)
    and ``N`` are saved with the model. In training each call updates the
    running statistics with ``decay``; ``forward(x, finetune=True)`` instead
    averages them over all calls since ``start_finetuning()`` (``decay = 1 - 1/N``).
    ``axis`` names the axes to reduce over; with only ``axis`` given, the
    shapes are taken from the first input.

    >>> import numpy, chainlite, chainlite.links as L
    >>> bn = L.BatchNormalization(3)
    >>> y = bn(numpy.random.randn(8, 3).astype(numpy.float32))
    >>> with chainlite.using_config('train', False):
    ...     y = bn(numpy.zeros((2, 3), numpy.float32))
    >>> bn.avg_mean.shape, bn.N
    ((3,), 0)
    """

    gamma = None
    beta = None

    def __init__(self, size=None, decay=0.9, eps=2e-05, dtype=None, use_gamma=True,
                 use_beta=True, initial_gamma=None, initial_beta=None, axis=None,
                 initial_avg_mean=None, initial_avg_var=None):
        super().__init__()
        if size is None and axis is None:
            raise ValueError('%s: give size or axis' % type(self).__name__)
        self._dtype = numpy.dtype(dtype) if dtype is not None \
            else initializers.get_default_dtype()
        self._initial_avg_mean = initial_avg_mean
        self._initial_avg_var = initial_avg_var
        self.add_persistent('N', 0)
        self.decay = decay
        self.eps = eps
        self.axis = (axis,) if isinstance(axis, int) else axis
        self.add_persistent('avg_mean', None)
        self.add_persistent('avg_var', None)
        with self.init_scope():
            if use_gamma:
                self.gamma = Parameter(_dtyped(initial_gamma, 1, self._dtype))
            if use_beta:
                self.beta = Parameter(_dtyped(initial_beta, 0, self._dtype))
        if size is not None:
            self._initialize_params((size,) if isinstance(size, int) else tuple(size))

    def _initialize_params(self, shape):
        def make(initializer, default):
            return initializers.generate_array(_dtyped(initializer, default, self._dtype),
                                               shape, self.xp, device=self.device)
        self.avg_mean = make(self._initial_avg_mean, 0)
        self.avg_var = make(self._initial_avg_var, 1)
        for param in (self.gamma, self.beta):
            if param is not None:
                param.initialize(shape)

    def _prepare(self, x):
        """Makes the parameters from the first input (when only ``axis`` was given)."""
        if self.avg_mean is None:
            self._initialize_params(tuple(d for i, d in enumerate(x.shape)
                                          if i not in self.axis))
        elif self.axis is None:
            shape = self.avg_mean.shape
            got = tuple(x.shape[1:1 + len(shape)])
            if got != shape:
                raise ValueError('%s at %s: expected an input of shape (N, %s...), got %s'
                                 % (type(self).__name__, self.path,
                                    ''.join('%d, ' % s for s in shape), tuple(x.shape)))

    def _gamma_beta(self, x):
        """gamma and beta, fixed at 1 and 0 when not learned."""
        xp = self.xp
        gamma = self.gamma if self.gamma is not None else \
            xp.ones(self.avg_mean.shape, dtype=x.dtype)
        beta = self.beta if self.beta is not None else \
            xp.zeros(self.avg_mean.shape, dtype=x.dtype)
        return gamma, beta

    def _decay(self, finetune):
        if finetune:
            self.N += 1
            return 1. - 1. / self.N
        return self.decay

    @property
    def printable_specs(self):
        size = None if self.avg_mean is None else self.avg_mean.shape
        yield from (('size', size[0] if size and len(size) == 1 else size),
                    ('decay', self.decay), ('eps', self.eps), ('dtype', self._dtype),
                    ('use_gamma', hasattr(self, 'gamma')), ('use_beta', hasattr(self, 'beta')))

    def forward(self, x, finetune=False, **kwargs):
        if 'test' in kwargs:
            raise ValueError('%s: the test argument is not supported anymore; use '
                             "chainlite.using_config('train', False)" % type(self).__name__)
        if kwargs:
            raise TypeError('%s.forward: unexpected keyword argument(s) %s'
                            % (type(self).__name__, ', '.join(sorted(kwargs))))
        self._prepare(x)
        gamma, beta = self._gamma_beta(x)
        if config.train:
            return F.batch_normalization(
                x, gamma, beta, eps=self.eps, running_mean=self.avg_mean,
                running_var=self.avg_var, decay=self._decay(finetune), axis=self.axis)
        return F.fixed_batch_normalization(x, gamma, beta, self.avg_mean, self.avg_var,
                                           self.eps, axis=self.axis)

    def start_finetuning(self):
        """Restarts the running average of ``forward(x, finetune=True)``."""
        self.N = 0
