"""Softmax cross entropy with integer labels or soft (probability) targets."""
import numpy

import chainlite.functions as F
from chainlite import backend
from chainlite.configuration import config
from chainlite.function_node import FunctionNode
from chainlite.functions.activation.log_softmax import log_softmax_array
from chainlite.functions.loss import _util
from chainlite.utils import force_array, type_check
from chainlite.variable import as_array

_NAME = 'softmax_cross_entropy'


def _target_coefficients(xp, x_shape, t, class_weight, ignore_label, label_smoothing, dtype):
    """Returns ``q`` of x's shape such that the loss at each position is ``-sum_c q_c log y_c``.

    ``q`` is the (smoothed, class-weighted) target distribution, zero where the label is ignored.
    """
    n_class = x_shape[1]
    valid = t != ignore_label
    classes = xp.arange(n_class).reshape((1, n_class) + (1,) * (len(x_shape) - 2))
    q = (xp.expand_dims(t, 1) == classes).astype(dtype) * (1 - label_smoothing)
    if label_smoothing:
        q += label_smoothing / n_class
    if class_weight is not None:
        q *= class_weight.astype(dtype).reshape((1, n_class) + (1,) * (len(x_shape) - 2))
    return q * xp.expand_dims(valid, 1).astype(dtype)


def _hard_labels(xp, t, ignore_label):
    """The column of each label in 2-d scores (0 where ignored), the valid mask (None
    when every label is valid) and the number of valid labels."""
    valid = t != ignore_label
    count = int(valid.sum())
    if count == t.size:
        return t, None, count
    return xp.where(valid, t, 0), valid, count


def _soft_target(xp, t, label_smoothing, dtype):
    t = t.astype(dtype)
    if label_smoothing:
        t = t * (1 - label_smoothing) + label_smoothing / t.shape[1]
    return t


_KL_EPS = 1e-7  # Chainer's KL divergence takes log(t + 1e-7), so 0 log 0 = 0


def _kl_divergence(xp, t, log_y):
    """sum_c t_c (log(t_c + 1e-7) - log y_c), in Chainer's order of rounding."""
    return (t * (xp.log(t + _KL_EPS) - log_y)).sum(axis=1)


class SoftmaxCrossEntropy(FunctionNode):
    """The fused loss; its gradient is computed on arrays (no double backprop)."""

    backward_on_arrays = True
    _hard = None  # (label columns, valid mask) of one-hot targets, set by forward

    def __init__(self, normalize=True, cache_score=True, class_weight=None, ignore_label=-1,
                 reduce='mean', soft_target_loss='cross-entropy', label_smoothing=0.0):
        self.normalize = normalize
        self.cache_score = cache_score
        self.class_weight = class_weight
        self.ignore_label = ignore_label
        self.reduce = reduce
        self.soft_target_loss = soft_target_loss
        self.label_smoothing = label_smoothing

    def _targets(self, x, t, dtype):
        xp = backend.get_array_module(x)
        if self.soft:
            return _soft_target(xp, t, self.label_smoothing, dtype)
        return _target_coefficients(xp, x.shape, t, self.class_weight, self.ignore_label,
                                    self.label_smoothing, dtype)

    def _one_hot(self, x):
        """Whether the targets are plain one-hot rows (2-d scores, hard labels, no weights)."""
        return (x.ndim == 2 and not self.soft and self.class_weight is None
                and not self.label_smoothing)

    def forward(self, inputs):
        x, t = inputs
        # Chainer's lazy type check costs more than this loss on small batches: it runs
        # only when the plain comparisons fail, to raise its error.
        if not _types_valid(x, t, self.class_weight) and config.type_check:
            with type_check.get_function_check_context(self):
                _check_types(type_check.get_types(inputs, 'in_types', False), self.class_weight)
        xp = backend.get_array_module(x)
        dtype = _util.compute_dtype(x.dtype)
        self.soft = t.dtype.kind == 'f'
        if not self.soft:
            _util.check_labels(_NAME, t, x.shape[1], self.ignore_label)
        log_y = log_softmax_array(x.astype(dtype, copy=False), 1)
        if self._one_hot(x):
            cols, valid, n_valid = _hard_labels(xp, t, self.ignore_label)
            self._hard = cols, valid  # (backward needs neither t nor a one-hot q)
            picked = log_y[xp.arange(len(t)), cols]
            loss = -(picked if valid is None else xp.where(valid, picked, 0))
            count = n_valid if self.normalize else x.shape[0]
        else:
            q = self._targets(x, t, dtype)
            if self.soft and self.soft_target_loss == 'kl-divergence':
                loss = _kl_divergence(xp, q, log_y)
            else:
                loss = -(q * log_y).sum(axis=1)
            count = _count(x, t, self.soft, self.normalize, self.ignore_label)
        if self.cache_score:
            self.y = xp.exp(log_y)
            self.retain_inputs((1,))
        else:
            self.retain_inputs((0, 1))
        if self.reduce == 'mean':
            self.coef = 1.0 / max(count, 1)
            loss = loss.sum() * self.coef
        return force_array(loss, x.dtype),

    def backward(self, indexes, grad_outputs):
        _util.no_double_backprop(
            "F.softmax_cross_entropy with enable_double_backprop=False (pass "
            "enable_double_backprop=True to differentiate its gradient)")
        gy = as_array(grad_outputs[0])
        retained = self.get_retained_inputs()
        if self.cache_score:
            y = self.y
        else:
            x = as_array(retained[0])
            xp = backend.get_array_module(x)
            y = xp.exp(log_softmax_array(x.astype(_util.compute_dtype(x.dtype)), 1))
        if self._hard is not None:  # y * sum(q) - q with q one-hot, without building q
            cols, valid = self._hard
            hot = cols[:, None] == backend.get_array_module(y).arange(y.shape[1])
            if valid is None:
                gx = y - hot
            else:
                hot &= valid[:, None]
                gx = y * valid[:, None] - hot
        else:
            q = self._targets(y, as_array(retained[-1]), y.dtype)
            gx = y * q.sum(axis=1, keepdims=True) - q
        if self.reduce == 'mean':
            # gy * coef in float64, rounded once, as NumPy 1's casting made Chainer's
            gx *= gx.dtype.type(float(gy) * self.coef)
        else:
            gx *= gy[:, None]
        gx = gx.astype(gy.dtype, copy=False)
        return (gx if self._on_arrays else _util.constant(gx)), None


def _types_valid(x, t, class_weight):
    """Whether ``_check_types`` would pass, by plain comparisons."""
    if x.dtype.kind != 'f' or x.ndim < 2:
        return False
    if t.dtype.kind == 'f':
        return t.shape == x.shape
    return (t.dtype.kind == 'i' and t.ndim == x.ndim - 1 and t.shape[0] == x.shape[0]
            and t.shape[1:] == x.shape[2:]
            and (class_weight is None or class_weight.shape == x.shape[1:2]))


def _check_types(in_types, class_weight):
    type_check.argname(in_types, ('x', 't'))
    x_type, t_type = in_types
    type_check.expect(x_type.dtype.kind == 'f', x_type.ndim >= 2)
    if type_check.eval(t_type.dtype).kind == 'f':
        type_check.expect(t_type.shape == x_type.shape)
        return
    type_check.expect(
        t_type.dtype.kind == 'i',
        t_type.ndim == x_type.ndim - 1,
        x_type.shape[0] == t_type.shape[0],
        x_type.shape[2:] == t_type.shape[1:],
    )
    x_shape = type_check.eval(x_type.shape)
    if class_weight is not None and class_weight.shape != x_shape[1:2]:
        raise ValueError('%s: class_weight must have shape (%d,) (the number of classes of '
                         'x.shape=%s); got %s' % (_NAME, x_shape[1], x_shape, class_weight.shape))


def _count(x, t, soft, normalize, ignore_label):
    if soft:
        return x.size // x.shape[1]
    if normalize:
        return int((t != ignore_label).sum())
    return x.shape[0]


def _double_backprop_loss(x, t, normalize, class_weight, ignore_label, reduce, soft_target_loss,
                          label_smoothing):
    """The same loss composed of differentiable functions (for double backprop)."""
    xp = backend.get_array_module(x)
    x_arr = getattr(x, 'array', x)
    t_arr = xp.asarray(getattr(t, 'array', t))
    with type_check.get_function_check_context('SoftmaxCrossEntropy'):
        _check_types(type_check.get_types((x_arr, t_arr), 'in_types', False), class_weight)
    soft = t_arr.dtype.kind == 'f'
    if soft:
        q = _soft_target(xp, t_arr, label_smoothing, x_arr.dtype)
    else:
        _util.check_labels(_NAME, t_arr, x_arr.shape[1], ignore_label)
        q = _target_coefficients(xp, x_arr.shape, t_arr, class_weight, ignore_label,
                                 label_smoothing, x_arr.dtype)
    if soft and soft_target_loss == 'kl-divergence':
        loss = F.sum((xp.log(q + _KL_EPS) - F.log_softmax(x)) * q, axis=1)
    else:
        loss = -F.sum(F.log_softmax(x) * q, axis=1)
    if reduce == 'mean':
        count = max(_count(x_arr, t_arr, soft, normalize, ignore_label), 1)
        loss = F.sum(loss) * (1.0 / count)
    return loss


def softmax_cross_entropy(x, t, normalize=True, cache_score=True, class_weight=None,
                          ignore_label=-1, reduce='mean', enable_double_backprop=False,
                          soft_target_loss='cross-entropy', label_smoothing=0.0):
    """Cross entropy between ``softmax(x)`` (over axis 1) and the targets ``t``.

    Args:
        x: Scores of shape ``(N, C, ...)``.
        t: Integer labels of shape ``(N, ...)``, or soft targets (float, the shape of ``x``).
        normalize: With ``reduce='mean'``, divide by the number of non-ignored labels
            (True) or by the batch size (False). Soft targets always average over positions.
        cache_score: Keep ``softmax(x)`` from forward for backward.
        class_weight: Per-class weights of shape ``(C,)`` (integer labels only).
        ignore_label: Label value whose positions contribute zero loss.
        reduce: ``'mean'`` (a scalar) or ``'no'`` (a loss per position, shape of ``t``).
        enable_double_backprop: Build the loss from differentiable functions so its
            gradient can be differentiated again.
        soft_target_loss: ``'cross-entropy'`` or ``'kl-divergence'`` (soft targets).
        label_smoothing: chainlite extension: the target is ``(1 - e) * onehot + e / C``.

    >>> import numpy, chainlite.functions as F
    >>> x = numpy.array([[0.0, 0.0]], numpy.float32)
    >>> round(float(F.softmax_cross_entropy(x, numpy.array([1], numpy.int32)).array), 4)
    0.6931
    """
    _util.check_reduce(_NAME, reduce, ('mean', 'no'))
    if soft_target_loss not in ('cross-entropy', 'kl-divergence'):
        raise ValueError("%s: soft_target_loss must be 'cross-entropy' or 'kl-divergence', "
                         "but %r is given" % (_NAME, soft_target_loss))
    if not 0.0 <= label_smoothing < 1.0:
        raise ValueError('%s: label_smoothing must be in [0, 1); got %r' % (_NAME, label_smoothing))
    if class_weight is not None:
        class_weight = getattr(class_weight, 'array', class_weight)
        if getattr(t, 'dtype', numpy.dtype('i')).kind == 'f':
            raise ValueError('%s: class_weight is not supported with soft targets' % _NAME)
    if enable_double_backprop:
        return _double_backprop_loss(x, t, normalize, class_weight, ignore_label, reduce,
                                     soft_target_loss, label_smoothing)
    return SoftmaxCrossEntropy(normalize, cache_score, class_weight, ignore_label, reduce,
                               soft_target_loss, label_smoothing).apply((x, t))[0]
