"""Connectionist temporal classification (CTC) loss, vectorised over the batch."""
import numbers

import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.activation.log_softmax import log_softmax_array, logsumexp_array
from chainlite.functions.loss import _util
from chainlite.utils import force_array

_NAME = 'connectionist_temporal_classification'
# log(0) in the recursions: finite so that sums of impossible paths stay finite (an
# impossible labelling costs 1e10, as in Chainer) instead of turning into inf - inf = nan.
_LOG_ZERO = -1e10


def _lse(*terms):
    xp = backend.get_array_module(terms[0])
    m = terms[0]
    for a in terms[1:]:
        m = xp.maximum(m, a)
    return m + xp.log(sum(xp.exp(a - m) for a in terms))


def _shift(xp, a, k, fill=_LOG_ZERO):
    """``a`` moved k states right (k > 0) or left (k < 0) along axis 1, padded with ``fill``."""
    out = xp.full_like(a, fill)
    if k > 0:
        out[:, k:] = a[:, :-k]
    else:
        out[:, :k] = a[:, -k:]
    return out


class ConnectionistTemporalClassification(FunctionNode):
    """CTC over T inputs of shape (N, V); no double backprop (as in Chainer)."""

    def __init__(self, t, blank_symbol, input_length, label_length, reduce):
        self.t = t
        self.blank = blank_symbol
        self.input_length = input_length
        self.label_length = label_length
        self.reduce = reduce

    def forward(self, inputs):
        xp = backend.get_array_module(*inputs)
        dtype = _util.compute_dtype(inputs[0].dtype)
        x = xp.stack(inputs).astype(dtype, copy=False)
        batch = x.shape[1]
        self.log_y = log_softmax_array(x, 2)
        self.ext = ext = self._extended_labels(xp)
        self.lp = self.log_y[:, xp.arange(batch)[:, None], ext]  # (T, N, S): log p of states
        # a label state may be entered from two states back unless it repeats that label
        self.skip = xp.zeros(ext.shape, dtype=bool)
        self.skip[:, 2:] = (ext[:, 2:] != self.blank) & (ext[:, 2:] != ext[:, :-2])
        states = xp.arange(ext.shape[1])[None, :]
        n_label = self.label_length[:, None]
        self.final = (states == 2 * n_label) | ((states == 2 * n_label - 1) & (n_label > 0))

        self.alphas = self._alphas(xp)
        end = self.alphas[self.input_length - 1, xp.arange(batch)]
        self.log_p = logsumexp_array(xp.where(self.final, end, _LOG_ZERO), 1)[:, 0]
        loss = -self.log_p
        if self.reduce == 'mean':
            loss = loss.sum() / batch
        return force_array(loss, inputs[0].dtype),

    def _alphas(self, xp):
        """alpha[t, n, s]: log prob of the first t + 1 steps ending in state s."""
        lp = self.lp
        alpha = xp.full(lp.shape[1:], _LOG_ZERO, dtype=lp.dtype)
        alpha[:, :2] = lp[0, :, :2]
        alphas = [alpha]
        for t in range(1, lp.shape[0]):
            skipped = xp.where(self.skip, _shift(xp, alpha, 2), _LOG_ZERO)
            alpha = _lse(alpha, _shift(xp, alpha, 1), skipped) + lp[t]
            alphas.append(alpha)
        return xp.stack(alphas)

    def _betas(self, xp):
        """beta[t, n, s]: log prob of the steps after t given state s at t (up to input_length)."""
        lp = self.lp
        n_time = lp.shape[0]
        last_t = (self.input_length - 1)[:, None]
        skip_from = _shift(xp, self.skip, -2, fill=False)
        betas = xp.empty_like(lp)
        for t in range(n_time - 1, -1, -1):
            if t < n_time - 1:
                e = betas[t + 1] + lp[t + 1]
                rec = _lse(e, _shift(xp, e, -1), xp.where(skip_from, _shift(xp, e, -2), _LOG_ZERO))
            else:
                rec = _LOG_ZERO
            betas[t] = xp.where(t == last_t, xp.where(self.final, 0, _LOG_ZERO),
                                xp.where(t < last_t, rec, _LOG_ZERO))
        return betas

    def _grad(self, xp):
        """d loss_n / d x: softmax(x) minus the posterior occupancy of each class."""
        n_time, batch = self.lp.shape[:2]
        occupancy = xp.exp(self.alphas + self._betas(xp) - self.log_p[None, :, None])
        grad = xp.exp(self.log_y)
        grad[:, :, self.blank] -= occupancy[:, :, 0::2].sum(axis=2)
        rows = xp.arange(batch)
        for s in range(1, self.ext.shape[1], 2):  # in one state each sample hits one class
            grad[:, rows, self.ext[:, s]] -= occupancy[:, :, s]
        feasible = self.log_p > _LOG_ZERO / 2
        active = (xp.arange(n_time)[:, None] < self.input_length[None, :]) & feasible[None, :]
        return grad * active[:, :, None]

    def _extended_labels(self, xp):
        """Labels with blanks around and between them; padding past label_length is blank."""
        t = self.t
        batch, n_label = t.shape
        valid = xp.arange(n_label)[None, :] < self.label_length[:, None]
        ext = xp.full((batch, 2 * n_label + 1), self.blank, dtype=numpy.int64)
        ext[:, 1::2] = xp.where(valid, t, self.blank)
        return ext

    def backward(self, indexes, grad_outputs):
        _util.no_double_backprop('F.connectionist_temporal_classification')
        gy = grad_outputs[0].array
        grad = self._grad(backend.get_array_module(gy))
        if self.reduce == 'mean':
            grad *= gy / grad.shape[1]
        else:
            grad *= gy[None, :, None]
        return tuple(_util.constant(g.astype(gy.dtype, copy=False)) for g in grad)


def _lengths(xp, value, default, name, low, high, batch):
    if value is None:
        return xp.full((batch,), default, dtype=numpy.int64)
    value = getattr(value, 'array', value)
    if value.dtype.kind not in 'iu' or value.shape != (batch,):
        raise TypeError('%s: %s must be an integer array of shape (%d,); got dtype=%s shape=%s'
                        % (_NAME, name, batch, value.dtype, value.shape))
    if batch and bool(((value < low) | (value > high)).any()):
        raise ValueError('%s: %s must be in [%d, %d]; got %s'
                         % (_NAME, name, low, high, value.tolist()))
    return xp.asarray(value).astype(numpy.int64)


def connectionist_temporal_classification(x, t, blank_symbol, input_length=None,
                                          label_length=None, reduce='mean'):
    """CTC loss of label sequences ``t`` given per-step unnormalised scores ``x``.

    Args:
        x: A list of T arrays or Variables of shape ``(N, V)`` (softmax is applied inside).
        t: Integer labels of shape ``(N, L)``; entries past ``label_length`` are ignored.
        blank_symbol: The blank's index in ``[0, V)``.
        input_length: Valid steps per sample, shape ``(N,)`` (default: all T).
        label_length: Valid labels per sample, shape ``(N,)`` (default: all L).
        reduce: ``'mean'`` (averaged over the batch) or ``'no'`` (shape ``(N,)``).

    An impossible labelling (too few steps) costs 1e10 and gets a zero gradient.

    >>> import numpy, chainlite.functions as F
    >>> x = [numpy.zeros((1, 2), numpy.float32)] * 2
    >>> t = numpy.array([[1]], numpy.int32)
    >>> round(float(F.connectionist_temporal_classification(x, t, 0).array), 4)  # 3 paths of 1/4
    0.2877
    """
    _util.check_reduce(_NAME, reduce, ('mean', 'no'))
    if not isinstance(x, (list, tuple)) or not x:
        raise TypeError('%s: x must be a non-empty list of Variables (one (N, V) array per '
                        'time step); got %s' % (_NAME, type(x).__name__))
    if isinstance(blank_symbol, bool) or not isinstance(blank_symbol, numbers.Integral) \
            or blank_symbol < 0:
        raise TypeError('%s: blank_symbol must be non-negative integer; got %r'
                        % (_NAME, blank_symbol))
    xs = [getattr(a, 'array', a) for a in x]
    shape, dtype = xs[0].shape, xs[0].dtype
    for a in xs:
        if a.ndim != 2 or a.shape != shape or a.dtype != dtype or dtype.kind != 'f':
            raise ValueError('%s: every x[i] must be a float (N, V) array of one shape and '
                             'dtype; got %s %s and %s %s' % (_NAME, shape, dtype, a.shape, a.dtype))
    batch, n_vocab = shape
    if blank_symbol >= n_vocab:
        raise ValueError('%s: blank_symbol (%d) must be less than the number of classes '
                         'V = x[0].shape[1] = %d' % (_NAME, blank_symbol, n_vocab))
    t = getattr(t, 'array', t)
    if not hasattr(t, 'dtype') or t.dtype.kind not in 'iu' or t.ndim != 2 \
            or t.shape[0] != batch:
        raise ValueError('%s: t must be an integer array of shape (N, L) with N = %d (from '
                         'x[0].shape=%s); got %s' % (_NAME, batch, shape, _describe(t)))
    xp = backend.get_array_module(*xs)
    t = xp.asarray(t)
    n_time, n_label = len(xs), t.shape[1]
    input_length = _lengths(xp, input_length, n_time, 'input_length', 1, n_time, batch)
    label_length = _lengths(xp, label_length, n_label, 'label_length', 0, n_label, batch)
    valid = xp.arange(n_label)[None, :] < label_length[:, None]
    _util.check_labels(_NAME, xp.where(valid, t, 0), n_vocab)
    node = ConnectionistTemporalClassification(t, blank_symbol, input_length, label_length,
                                               reduce)
    return node.apply(tuple(x))[0]


def _describe(t):
    if hasattr(t, 'dtype'):
        return 'dtype=%s shape=%s' % (t.dtype, t.shape)
    return type(t).__name__
