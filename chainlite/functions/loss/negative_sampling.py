"""Negative sampling loss (word2vec): the true class against sampled negatives."""
import chainlite.functions as F
from chainlite import backend
from chainlite.functions.loss import _util
from chainlite.utils import type_check
from chainlite.variable import as_variable

_NAME = 'negative_sampling'
_IGNORE = -1


def _check(x, t, W):
    type_check.expect(x.dtype.kind == 'f', W.dtype == x.dtype, t.dtype.kind == 'i',
                      x.ndim == 2, W.ndim == 2, t.ndim == 1, x.shape[0] == t.shape[0],
                      x.shape[1] == W.shape[1])


def embedded_scores(x, W, ids):
    """``scores[n, j] = W[ids[n, j]] . x[n]`` for Variables x (N, D), W (V, D), ids (N, S)."""
    rows = F.get_item(W, ids)
    x = F.broadcast_to(F.reshape(x, (x.shape[0], 1, x.shape[1])), rows.shape)
    return F.sum(rows * x, axis=2)


def negative_sampling(x, t, W, sampler, sample_size, reduce='sum', **kwargs):
    """Negative sampling loss ``-log s(w_t . x) - sum_k log s(-w_k . x)`` (s: sigmoid).

    Args:
        x: Inputs ``(N, D)``.
        t: Target ids ``(N,)`` in ``[0, V)``; ``-1`` rows are ignored (zero loss).
        W: Output embeddings ``(V, D)``.
        sampler: ``sampler(shape)`` returns integer ids; it is called with
            ``(N, sample_size + 1)`` and column 0 is replaced by ``t``.
        sample_size: Negatives per example.
        reduce: ``'sum'`` (a scalar) or ``'no'`` (shape ``(N,)``).
        return_samples: If True, return ``(loss, samples)``.

    >>> import numpy, chainlite.functions as F
    >>> x = numpy.zeros((1, 2)); W = numpy.ones((3, 2))
    >>> sampler = lambda shape: numpy.ones(shape, numpy.int32)
    >>> round(float(F.negative_sampling(x, numpy.array([0], numpy.int32), W, sampler, 2).array), 4)
    2.0794
    """
    return_samples = kwargs.pop('return_samples', False)
    if kwargs:
        raise TypeError('%s() got unexpected keyword argument(s) %s'
                        % (_NAME, ', '.join("'%s'" % k for k in kwargs)))
    _util.check_reduce(_NAME, reduce, ('sum', 'no'))
    _util.check_types('NegativeSampling', ('x', 't', 'W'), (x, t, W), _check)
    xp = backend.get_array_module(x, W)
    t = xp.asarray(getattr(t, 'array', t))
    n_vocab = W.shape[0]
    _util.check_labels(_NAME, t, n_vocab, _IGNORE)
    samples = xp.array(sampler((t.shape[0], sample_size + 1)))
    samples[:, 0] = t
    ids = samples.copy()
    valid = t != _IGNORE
    ids[:, 0] = xp.where(valid, t, 0)
    _util.check_labels(_NAME, ids, n_vocab, what='samples')
    x, W = as_variable(x), as_variable(W)
    scores = embedded_scores(x, W, ids)
    sign = xp.full(ids.shape, -1, dtype=x.dtype)
    sign[:, 0] = 1
    loss = F.sum(F.softplus(scores * -sign), axis=1) * valid.astype(x.dtype)
    if reduce == 'sum':
        loss = F.sum(loss)
    return (loss, samples) if return_samples else loss
