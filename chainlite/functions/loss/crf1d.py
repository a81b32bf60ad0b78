"""Linear-chain conditional random field: the loss (crf1d) and Viterbi decoding (argmax_crf1d).

Sequences are given transposed, as in Chainer: ``xs[i]`` holds step i of every sequence
still running (shape ``(B_i, K)``), so ``B_0 >= B_1 >= ...`` (sort sequences by length).
"""
import chainlite.functions as F
from chainlite import backend
from chainlite.functions.loss import _util
from chainlite.variable import as_variable

_NAME = 'crf1d'


def _check(name, cost, xs, ys=None):
    if not xs:
        raise ValueError('%s: xs must hold at least one step' % name)
    n_label = cost.shape[0] if cost.ndim == 2 else -1
    if cost.ndim != 2 or cost.shape[1] != n_label or cost.dtype.kind != 'f':
        raise ValueError('%s: cost must be a float (K, K) matrix; got shape %s dtype %s'
                         % (name, cost.shape, cost.dtype))
    if ys is not None and len(ys) != len(xs):
        raise ValueError('%s: xs and ys must have one entry per step; got %d and %d'
                         % (name, len(xs), len(ys)))
    prev = None
    for i, x in enumerate(xs):
        if x.ndim != 2 or x.shape[1] != n_label or x.dtype != cost.dtype:
            raise ValueError('%s: xs[%d] must be (B, %d) of dtype %s like cost; got shape %s '
                             'dtype %s' % (name, i, n_label, cost.dtype, x.shape, x.dtype))
        if prev is not None and x.shape[0] > prev:
            raise ValueError('%s: batch sizes must not increase along xs (sort sequences by '
                             'decreasing length); xs[%d] has %d rows after %d'
                             % (name, i, x.shape[0], prev))
        prev = x.shape[0]
        if ys is None:
            continue
        y = getattr(ys[i], 'array', ys[i])
        if y.dtype.kind != 'i' or y.shape != (x.shape[0],):
            raise ValueError('%s: ys[%d] must be an integer array of shape (%d,); got dtype %s '
                             'shape %s' % (name, i, x.shape[0], y.dtype, y.shape))
        _util.check_labels(name, y, n_label, what='ys[%d]' % i)


def _path_score(cost, xs, ys):
    """Per-sequence score ``sum_i xs[i][y_i] + cost[y_{i-1}, y_i]``, as finished chunks.

    Returns a list of Variables whose concatenation (in reverse order) is in batch order.
    """
    xp = backend.get_array_module(xs[0])
    score = F.get_item(xs[0], (xp.arange(ys[0].shape[0]), ys[0]))
    chunks = []
    for x, y, y_prev in zip(xs[1:], ys[1:], ys[:-1]):
        b = x.shape[0]
        if score.shape[0] > b:
            chunks.append(score[b:])
            score = score[:b]
        score = score + F.get_item(x, (xp.arange(b), y)) + F.get_item(cost, (y_prev[:b], y))
    chunks.append(score)
    return chunks


def _in_batch_order(chunks):
    return chunks[0] if len(chunks) == 1 else F.concat(chunks[::-1], axis=0)


def crf1d(cost, xs, ys, reduce='mean'):
    """Negative log-likelihood of label sequences ``ys`` under a linear-chain CRF.

    Args:
        cost: Transition scores ``(K, K)``; ``cost[i, j]`` scores label i followed by j.
        xs: Per-step unary scores, ``xs[i]`` of shape ``(B_i, K)`` with ``B_i`` non-increasing.
        ys: Per-step integer labels, ``ys[i]`` of shape ``(B_i,)``.
        reduce: ``'mean'`` (averaged over the B_0 sequences) or ``'no'`` (shape ``(B_0,)``).

    >>> import numpy, chainlite.functions as F
    >>> cost = numpy.zeros((2, 2)); xs = [numpy.zeros((1, 2))] * 2
    >>> ys = [numpy.array([0], numpy.int32)] * 2
    >>> round(float(F.crf1d(cost, xs, ys).array), 4)  # log 4: four equally likely paths
    1.3863
    """
    _util.check_reduce(_NAME, reduce, ('mean', 'no'))
    x_arrs = [getattr(x, 'array', x) for x in xs]
    xp = backend.get_array_module(*x_arrs)
    ys = [xp.asarray(getattr(y, 'array', y)) for y in ys]
    _check(_NAME, getattr(cost, 'array', cost), x_arrs, ys)
    cost = as_variable(cost)
    xs = [as_variable(x) for x in xs]
    alpha = xs[0]
    chunks = []
    for x in xs[1:]:
        b = x.shape[0]
        if alpha.shape[0] > b:
            chunks.append(alpha[b:])
            alpha = alpha[:b]
        # alpha[n, j] = logsumexp_i(alpha[n, i] + cost[i, j]) + x[n, j]
        pairs = F.broadcast_to(F.reshape(alpha, alpha.shape + (1,)), (b,) + cost.shape) \
            + F.broadcast_to(cost, (b,) + cost.shape)
        alpha = F.logsumexp(pairs, axis=1) + x
    chunks.append(alpha)
    log_z = F.logsumexp(_in_batch_order(chunks), axis=1)
    loss = log_z - _in_batch_order(_path_score(cost, xs, ys))
    if reduce == 'mean':
        return F.sum(loss) * (1.0 / xs[0].shape[0])
    return loss


def argmax_crf1d(cost, xs):
    """The most likely label sequences (Viterbi) and their scores.

    Returns ``(score, path)``: ``score`` a Variable of shape ``(B_0,)`` (differentiable: the
    score of the best path) and ``path`` a list of int32 arrays, ``path[i]`` of shape ``(B_i,)``.

    >>> import numpy, chainlite.functions as F
    >>> cost = numpy.array([[0.0, -5.0], [-5.0, 0.0]])
    >>> xs = [numpy.array([[1.0, 0.0]]), numpy.array([[0.0, 0.5]])]
    >>> score, path = F.argmax_crf1d(cost, xs)
    >>> [p.tolist() for p in path], score.array.tolist()
    ([[0], [0]], [1.0])
    """
    cost_arr = getattr(cost, 'array', cost)
    x_arrs = [getattr(x, 'array', x) for x in xs]
    _check('argmax_crf1d', cost_arr, x_arrs)
    xp = backend.get_array_module(cost_arr, *x_arrs)
    best = x_arrs[0]
    pointers = []
    finished = []
    for x in x_arrs[1:]:
        b = x.shape[0]
        if best.shape[0] > b:
            finished.append(best[b:])
            best = best[:b]
        pairs = best[:, :, None] + cost_arr[None]
        pointers.append(pairs.argmax(axis=1))
        best = pairs.max(axis=1) + x
    finished.append(best)
    last = xp.concatenate(finished[::-1], axis=0).argmax(axis=1)
    path = [last[:x_arrs[-1].shape[0]]]
    for i in range(len(pointers) - 1, -1, -1):
        b_prev = x_arrs[i].shape[0]
        y_next = path[0]
        y = last[:b_prev].copy()
        y[:y_next.shape[0]] = pointers[i][xp.arange(y_next.shape[0]), y_next]
        path.insert(0, y)
    path = [p.astype('int32') for p in path]
    cost = as_variable(cost)
    xs = [as_variable(x) for x in xs]
    return _in_batch_order(_path_score(cost, xs, path)), path
