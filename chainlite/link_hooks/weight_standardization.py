"""WeightStandardization: a link hook that standardizes a weight for each forward."""
from chainlite import functions as F
from chainlite import link_hook
from chainlite.link_hooks._lazy import initialize_weight


def standardize(W, eps):
    """``(W - mean) / sqrt(var + eps)`` over all axes but the first, differentiably.

    The mean and the (biased) variance are taken separately for each index of axis
    0 of ``W`` (a Variable or an array of NumPy or CuPy, at least two axes).
    """
    if W.ndim < 2:
        raise IndexError('WeightStandardization: the weight needs at least 2 axes, got shape %s'
                         % (W.shape,))
    shape = W.shape
    rows = F.reshape(W, (shape[0], -1))
    mean = F.mean(rows, axis=1, keepdims=True)
    centered = rows - F.broadcast_to(mean, rows.shape)
    var = F.mean(F.square(centered), axis=1, keepdims=True)
    std = F.sqrt(var + eps)
    return F.reshape(centered / F.broadcast_to(std, rows.shape), shape)


class WeightStandardization(link_hook.LinkHook):
    """Standardizes a link's weight (``weight_name``, default ``'W'``) during each forward.

    Before the link's forward, the weight is replaced by
    ``(W - mean) / sqrt(var + eps)``, the mean and biased variance being taken over
    every axis but the first (axis 0: the output channels of Linear and
    Convolution links, the input channels of Deconvolution links, as in Chainer).
    The replacement is a Variable computed from the Parameter, so gradients flow
    back to it; after the forward the Parameter is put back (it is kept in
    ``original_weight``). A weight drawn lazily is drawn before the first
    forward. Attach it with ``link.add_hook``; it cannot be used as ``with hook:``.

    >>> import numpy, chainlite.links as L
    >>> W = numpy.array([[1, 2, 3], [0, 0, 4]], numpy.float32)
    >>> layer = L.Linear(3, 2, nobias=True, initialW=W)
    >>> _ = layer.add_hook(WeightStandardization(eps=0))
    >>> y = layer(numpy.eye(3, dtype=numpy.float32))   # the columns are the weight used
    >>> print(y.array.T.round(4))
    [[-1.2247  0.      1.2247]
     [-0.7071 -0.7071  1.4142]]
    >>> layer.W is layer.local_link_hooks['WeightStandardization'].original_weight
    True
    """

    name = 'WeightStandardization'

    def __init__(self, *, eps=1e-05, weight_name='W', name=None):
        self.eps = eps
        self.weight_name = weight_name
        self._initialized = False
        if name is not None:
            self.name = name

    def __enter__(self):
        raise NotImplementedError('This hook is not supposed to be used as context manager.')

    def __exit__(self, *_):
        raise NotImplementedError('This hook is not supposed to be used as context manager.')

    def added(self, link):
        if link is None or not hasattr(link, self.weight_name):
            raise ValueError("Weight '%s' does not exist!" % self.weight_name)
        if getattr(link, self.weight_name).array is not None:
            self._initialized = True

    def forward_preprocess(self, cb_args):
        link = cb_args.link
        weight = getattr(link, self.weight_name)
        if weight.array is None:
            initialize_weight(link, cb_args.args, cb_args.kwargs)
            weight = getattr(link, self.weight_name)
        self._initialized = True
        self.original_weight = weight
        setattr(link, self.weight_name, standardize(weight, self.eps))

    def forward_postprocess(self, cb_args):
        setattr(cb_args.link, self.weight_name, self.original_weight)
