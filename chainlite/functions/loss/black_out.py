"""BlackOut loss: softmax over the true class and given negative samples (Ji et al., 2016)."""
import chainlite.functions as F
from chainlite import backend
from chainlite.functions.loss import _util
from chainlite.functions.loss.negative_sampling import embedded_scores
from chainlite.utils import type_check
from chainlite.variable import as_variable

_NAME = 'black_out'


def _check(x, t, W, samples):
    type_check.expect(x.dtype.kind == 'f', W.dtype == x.dtype, t.dtype.kind == 'i',
                      samples.dtype.kind == 'i', x.ndim == 2, W.ndim == 2, t.ndim == 1,
                      samples.ndim == 2, x.shape[0] == t.shape[0],
                      samples.shape[0] == t.shape[0], x.shape[1] == W.shape[1])


def black_out(x, t, W, samples, reduce='mean'):
    """BlackOut loss ``-log p_t - sum_k log(1 - p_k)``, p a softmax over ``[t, samples]``.

    Args:
        x: Inputs ``(N, D)``.
        t: Target ids ``(N,)`` in ``[0, V)``.
        W: Output embeddings ``(V, D)``.
        samples: Negative ids ``(N, S)`` in ``[0, V)``.
        reduce: ``'mean'`` (averaged over the batch) or ``'no'`` (shape ``(N,)``).

    >>> import numpy, chainlite.functions as F
    >>> x = numpy.zeros((1, 2)); W = numpy.ones((3, 2))
    >>> s = numpy.array([[1]], numpy.int32)
    >>> round(float(F.black_out(x, numpy.array([0], numpy.int32), W, s).array), 4)  # 2 log 2
    1.3863
    """
    _util.check_reduce(_NAME, reduce, ('mean', 'no'))
    _util.check_types('BlackOut', ('x', 't', 'W', 'samples'), (x, t, W, samples), _check)
    xp = backend.get_array_module(x, W)
    t = xp.asarray(getattr(t, 'array', t))
    samples = xp.asarray(getattr(samples, 'array', samples))
    _util.check_labels(_NAME, t, W.shape[0])
    _util.check_labels(_NAME, samples, W.shape[0], what='samples')
    x, W = as_variable(x), as_variable(W)
    scores = embedded_scores(x, W, xp.concatenate([t[:, None], samples], axis=1))
    log_z = F.logsumexp(scores, axis=1)
    log_p = scores - F.broadcast_to(F.reshape(log_z, (x.shape[0], 1)), scores.shape)
    # log(1 - p) = log(-expm1(log p)): exact even when p is close to 1
    loss = -(log_p[:, 0] + F.sum(F.log(-F.expm1(log_p[:, 1:])), axis=1))
    if reduce == 'mean':
        return F.sum(loss) * (1.0 / max(x.shape[0], 1))
    return loss
