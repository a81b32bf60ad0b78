"""Spectral normalization (Miyato et al., 2018): a link's weight divided by its largest
singular value, estimated by power iteration, during every forward.

>>> import numpy, chainlite, chainlite.links as L
>>> layer = L.Linear(3, 4).add_hook(SpectralNormalization())
>>> layer.W_u.shape  # the power iteration's vector, saved with the link
(4,)
>>> layer(numpy.ones((2, 3), numpy.float32)).shape
(2, 4)
"""
import chainlite.functions as F
from chainlite import backend
from chainlite.configuration import config
from chainlite.link_hook import LinkHook
from chainlite.link_hooks._lazy import initialize_weight
from chainlite.links.connection._convolution import Deconvolution
from chainlite.variable import Parameter, Variable


def _normalize(xp, v, eps):
    return v / (xp.linalg.norm(v) + eps)


class SpectralNormalization(LinkHook):
    """Replaces ``link.<weight_name>`` by ``W / sigma`` during each forward, where
    ``sigma`` is the largest singular value of ``W`` seen as a matrix of one row per
    output channel. ``sigma`` is estimated by ``n_power_iteration`` steps of power
    iteration from the persistent vector ``link.<weight_name>_u``, which is updated in
    training mode; the gradient flows to ``W`` through ``sigma`` too.

    Args:
        n_power_iteration (int): power-iteration steps per forward.
        eps (float): added to the norms of the iterated vectors.
        use_gamma (bool): also learn a scale ``gamma`` (a parameter of the link,
            starting at ``W``'s largest singular value): the weight is ``gamma * W / sigma``.
        factor (float): a constant multiplying the normalized weight.
        weight_name (str): the parameter to normalize.
        name (str): the hook's name in the link's hooks.
    """

    name = 'SpectralNormalization'

    def __init__(self, n_power_iteration=1, eps=1e-6, use_gamma=False, factor=None,
                 weight_name='W', name=None):
        if n_power_iteration < 1:
            raise ValueError('SpectralNormalization: n_power_iteration must be at least 1, '
                             'got %r' % (n_power_iteration,))
        self.n_power_iteration = n_power_iteration
        self.eps = eps
        self.use_gamma = use_gamma
        self.factor = factor
        self.weight_name = weight_name
        self.vector_name = weight_name + '_u'
        self._initialized = False
        self.axis = 0  # the output-channel axis of the weight
        self.original_weight = None
        self.v = None
        if name is not None:
            self.name = name

    def __enter__(self):
        raise NotImplementedError('This hook is not supposed to be used as context manager.')

    def __exit__(self, *_):
        raise NotImplementedError

    def added(self, link):
        if isinstance(link, Deconvolution):
            self.axis = 1  # a deconvolution's weight is (in, out, ...)
        if getattr(link, self.weight_name).array is not None:
            self._prepare_parameters(link)

    def deleted(self, link):
        delattr(link, self.vector_name)
        if self.use_gamma:
            del link.gamma

    def forward_preprocess(self, cb_args):
        link = cb_args.link
        if not self._initialized:
            if getattr(link, self.weight_name).array is None:
                initialize_weight(link, cb_args.args, cb_args.kwargs)
            self._prepare_parameters(link)
        self.original_weight = getattr(link, self.weight_name)
        setattr(link, self.weight_name, self.normalize_weight(link))

    def forward_postprocess(self, cb_args):
        setattr(cb_args.link, self.weight_name, self.original_weight)

    def reshape_W(self, W):
        """``W`` (array or Variable) as a matrix of one row per output channel."""
        if self.axis != 0:
            W = F.moveaxis(W, self.axis, 0) if isinstance(W, Variable) else \
                backend.get_array_module(W).moveaxis(W, self.axis, 0)
        return W.reshape(W.shape[0], -1)

    def _prepare_parameters(self, link):
        W = getattr(link, self.weight_name)
        xp = backend.get_array_module(W.array)
        u = xp.random.normal(size=(W.shape[self.axis],)).astype(W.dtype)
        link.add_persistent(self.vector_name, u)
        if self.use_gamma:
            sigma = xp.linalg.svd(self.reshape_W(W.array), compute_uv=False)[0]
            with link.init_scope():
                link.gamma = Parameter(xp.asarray(sigma, dtype=W.dtype))
        self._initialized = True

    def normalize_weight(self, link):
        """The normalized weight (a Variable); updates ``link.<weight_name>_u`` in training."""
        W = getattr(link, self.weight_name)
        xp = backend.get_array_module(W.array)
        matrix = self.reshape_W(W.array)
        u = getattr(link, self.vector_name)
        for _ in range(self.n_power_iteration):
            v = _normalize(xp, matrix.T @ u, self.eps)
            u = _normalize(xp, matrix @ v, self.eps)
        if config.train:
            getattr(link, self.vector_name)[...] = u
        self.v = v
        sigma = F.matmul(F.matmul(u, self.reshape_W(W)), v)
        W_bar = W / F.broadcast_to(sigma, W.shape)
        if self.use_gamma:
            W_bar = F.broadcast_to(link.gamma, W.shape) * W_bar
        if self.factor is not None:
            W_bar = W_bar * self.factor
        return W_bar
