"""Numerical gradient checks: ``check_backward`` and ``check_double_backward``.

The analytic gradient (from backward) is compared with a central difference
along a random direction over all inputs and parameters at once, in float64.

>>> import numpy, chainlite.functions as F
>>> from chainlite import gradient_check
>>> x = numpy.random.rand(3, 2)
>>> gradient_check.check_backward(lambda x: x * x, x, numpy.ones((3, 2)))
"""
import numpy

from chainlite import backend, backprop
from chainlite.configuration import force_backprop_mode, no_backprop_mode
from chainlite.variable import ARRAY_TYPES, Variable


def _as_tuple(x):
    return x if isinstance(x, (tuple, list)) else (x,)


def _cast(a, dtype):
    if dtype is None or a is None or a.dtype.kind != 'f':
        return a
    return a.astype(dtype)


def _outputs(func, xs):
    ys = func(*xs)
    return tuple(_as_tuple(ys))


def _dot(ys, gys):
    total = 0.0
    for y, gy in zip(ys, gys):
        if gy is None or y is None:
            continue
        y = getattr(y, 'array', y)
        xp = backend.get_array_module(y)
        total += float((y.astype(numpy.float64) * xp.asarray(gy).astype(numpy.float64)).sum())
    return total


def assert_allclose(x, y, atol=1e-5, rtol=1e-4, verbose=True):
    """Asserts that two arrays (NumPy, CuPy or Variables) are elementwise close
    (also ``chainlite.testing.assert_allclose``). On failure the message ends, as
    Chainer's does, with the shapes and dtypes, the worst element ``i`` and its errors
    and tolerances (when the shapes agree), and both arrays."""
    x = numpy.asarray(backend.CPU.send(getattr(x, 'array', x)))
    y = numpy.asarray(backend.CPU.send(getattr(y, 'array', y)))
    try:
        numpy.testing.assert_allclose(x, y, atol=atol, rtol=rtol, verbose=verbose)
    except AssertionError as e:
        raise AssertionError('%s\n\n%s' % (e, _allclose_details(x, y, atol, rtol))) from None


def _allclose_details(x, y, atol, rtol):
    lines = ['assert_allclose failed:', '  shape: %s %s' % (x.shape, y.shape),
             '  dtype: %s %s' % (x.dtype, y.dtype)]
    if x.shape == y.shape and x.dtype.kind in 'iuf' and y.dtype.kind in 'iuf':
        error = numpy.abs(x - y)  # (in the arrays' dtype, as Chainer reports it)
        tolerance = atol + rtol * numpy.abs(y.astype(numpy.float64))
        excess = numpy.where(numpy.isnan(error), numpy.inf, error - tolerance)
        i = numpy.unravel_index(int(numpy.argmax(excess)), x.shape or (1,))
        at = i if x.shape else ()
        with numpy.errstate(divide='ignore', invalid='ignore'):
            relative = float(error[at] / numpy.abs(y[at]))
        yi = float(y[at])
        lines += ['  i: %s' % (tuple(int(k) for k in i),), '  x[i]: %r' % float(x[at]),
                  '  y[i]: %r' % yi, '  relative error[i]: %r' % relative,
                  '  absolute error[i]: %r' % float(error[at]),
                  '  relative tolerance * |y[i]|: %r' % (rtol * abs(yi)),
                  '  absolute tolerance: %r' % atol,
                  '  total tolerance: %r' % float(tolerance[at])]
    lines += ['x: ' + numpy.array2string(x, prefix='x: '),
              'y: ' + numpy.array2string(y, prefix='y: ')]
    return '\n'.join(lines) + '\n'


class NondifferentiableError(Exception):
    """Raised by the checks (``detect_nondifferentiable=True``) when the function is not
    differentiable within ``eps`` of the point: its slopes jump there."""


def numerical_grad(f, inputs, grad_outputs, eps=1e-3, detect_nondifferentiable=False,
                   diff_atol=0, diff_rtol=1e-2, center_outputs=None):
    """Central-difference gradients of ``sum(f() * grad_outputs)`` w.r.t. each input array
    (which ``f`` reads; they are changed in place and restored), as a list of arrays of the
    inputs' dtypes (computed in float64).

    With ``detect_nondifferentiable`` each element is also moved by ``2 * eps`` and a
    :class:`NondifferentiableError` is raised where the slopes jump (beyond ``diff_atol``
    and ``diff_rtol``); ``center_outputs`` (``f()`` at the point) saves one evaluation.

    >>> import numpy
    >>> x = numpy.array([1.0, 2.0])
    >>> numerical_grad(lambda: (x * x,), (x,), (numpy.ones(2),))[0].round(6).tolist()
    [2.0, 4.0]
    """
    if not eps > 0:
        raise ValueError('numerical_grad: eps must be positive, got %r' % (eps,))
    center = None
    if detect_nondifferentiable:
        outputs = f() if center_outputs is None else center_outputs
        center = _dot(_as_tuple(outputs), grad_outputs)
    grads = []
    for x in inputs:
        xp = backend.get_array_module(x)
        g = xp.zeros(x.shape, numpy.float64)
        flat = x.reshape(-1)
        for i in range(flat.size):
            orig = flat[i].copy()

            def value_at(delta):
                flat[i] = orig + delta
                return _dot(_as_tuple(f()), grad_outputs)

            try:
                yp, ym = value_at(eps), value_at(-eps)
                if detect_nondifferentiable:
                    _check_differentiable(
                        [value_at(-2 * eps), ym, center, yp, value_at(2 * eps)], eps,
                        diff_atol, diff_rtol, numpy.finfo(x.dtype).eps)
            finally:
                flat[i] = orig
            g.reshape(-1)[i] = (yp - ym) / (2 * eps)
        grads.append(g.astype(x.dtype, copy=False))
    return grads


def check_backward(func, x_data, y_grad, params=(), eps=1e-3, atol=1e-5, rtol=1e-4,
                   no_grads=None, dtype=None, detect_nondifferentiable=False):
    """Asserts that backward of ``func`` matches a numerical directional derivative.

    Args:
        func: takes Variables, returns a Variable or a tuple of them.
        x_data: an input array or a tuple of them.
        y_grad: the output gradient (array or tuple), or None for a scalar output.
        params: Parameters (e.g. of a Link) whose gradients are checked too.
        no_grads: per input, True to skip it (defaults to True for non-float inputs).
        dtype: cast float inputs and params to this dtype for the check (e.g. float64).
        detect_nondifferentiable: first check that the function is differentiable within
            ``2 * eps`` of the point (along the checked direction) and raise
            :class:`NondifferentiableError` if its slopes jump there (e.g. ``abs`` at 0).
    """
    for x in _as_tuple(x_data):
        if not isinstance(x, ARRAY_TYPES):
            raise TypeError('check_backward: x_data must be arrays (or a tuple of them), not %s'
                            % type(x).__name__)
    xs = tuple(_cast(backend.get_array_module(x).array(x, copy=True), dtype)
               for x in _as_tuple(x_data))
    if no_grads is None:
        no_grads = [x.dtype.kind != 'f' for x in xs]
    elif len(no_grads) != len(xs):
        raise ValueError('check_backward: %d no_grads flags for %d inputs'
                         % (len(no_grads), len(xs)))
    params = tuple(params)
    saved_params = [p.array for p in params]
    try:
        if dtype is not None:
            for p in params:
                p.array = _cast(p.array, dtype)
        _check_backward(func, xs, y_grad, params, eps, atol, rtol, no_grads, dtype,
                        detect_nondifferentiable)
    finally:
        for p, a in zip(params, saved_params):
            p.array = a


def _check_backward(func, xs, y_grad, params, eps, atol, rtol, no_grads, dtype, detect):
    x_vars = [Variable(x, requires_grad=not ng) for x, ng in zip(xs, no_grads)]
    for p in params:
        p.cleargrad()
    ys = _outputs(func, x_vars)
    if y_grad is None:
        for y in ys:
            if y.array.size != 1:
                raise ValueError('check_backward: y_grad is None but an output has shape %s'
                                 % (y.shape,))
        gys = tuple(backend.get_array_module(y.array).ones_like(y.array) for y in ys)
    else:
        gys = tuple(_cast(g, dtype) if g is not None else None for g in _as_tuple(y_grad))
        if len(gys) != len(ys):
            raise ValueError('check_backward: %d y_grad arrays for %d outputs'
                             % (len(gys), len(ys)))
    for y, gy in zip(ys, gys):
        if gy is not None and gy.shape != y.shape:
            raise ValueError('check_backward: y_grad shape %s differs from output shape %s'
                             % (gy.shape, y.shape))
    pairs = [(y, gy) for y, gy in zip(ys, gys) if gy is not None]
    backprop.backward([y for y, _ in pairs],
                      [Variable(gy.astype(y.dtype, copy=False)) for y, gy in pairs])

    targets = [x for x, ng in zip(x_vars, no_grads) if not ng] + list(params)
    if not targets:
        return
    analytic = []
    for v in targets:
        g = v.grad
        xp = backend.get_array_module(v.array)
        analytic.append(xp.zeros(v.shape, numpy.float64) if g is None
                        else g.astype(numpy.float64))
    rng = numpy.random.RandomState(0)
    directions = []
    for v in targets:
        xp = backend.get_array_module(v.array)
        directions.append(xp.asarray(rng.normal(size=v.shape)))
    norm = numpy.sqrt(sum(float((d * d).sum()) for d in directions)) or 1.0
    directions = [d / norm for d in directions]
    expected = sum(float((g * d).sum()) for g, d in zip(analytic, directions))

    originals = [v.array.copy() for v in targets]

    def value_at(delta):
        for v, x0, d in zip(targets, originals, directions):
            v.array[...] = (x0.astype(numpy.float64) + delta * d).astype(v.dtype)
        with no_backprop_mode():
            out = _outputs(func, x_vars)
        return _dot(out, gys)

    try:
        if detect:
            _check_differentiable([value_at(k * eps) for k in (-2, -1, 0, 1, 2)], eps, atol,
                                  rtol, max(numpy.finfo(v.dtype).eps for v in targets))
        numeric = (value_at(eps) - value_at(-eps)) / (2 * eps)
    finally:
        for v, x0 in zip(targets, originals):
            v.array[...] = x0
    if not abs(numeric - expected) <= atol + rtol * abs(numeric):
        raise AssertionError(
            'check_backward failed: the directional derivative from backward is %r but the '
            'numerical one is %r (atol=%g, rtol=%g, eps=%g)\nanalytic grads:\n%s'
            % (expected, numeric, atol, rtol, eps,
               '\n'.join(str(backend.CPU.send(g)) for g in analytic)))


def _check_differentiable(values, eps, atol, rtol, resolution):
    """Raises NondifferentiableError if the slopes between the values at -2eps..2eps do not
    change linearly, as a differentiable function's do (up to ``O(eps**2)`` and rounding)."""
    slopes = numpy.diff(values) / eps
    jumps = numpy.abs(numpy.diff(slopes, 2))
    noise = 8 * resolution * max(abs(v) for v in values) / eps
    limit = atol + rtol * float(numpy.abs(slopes).max()) + noise
    if float(jumps.max()) > limit:
        raise NondifferentiableError(
            'Tried to compute the numeric gradient on a non-differentiable point: the slopes '
            'at -2eps..2eps along the checked direction are %s (eps=%g); their changes %s '
            'exceed %g' % (slopes.tolist(), eps, jumps.tolist(), limit))


def check_double_backward(func, x_data, y_grad, x_grad_grad, params=(), params_grad_grad=(),
                          eps=1e-3, atol=1e-4, rtol=1e-3, no_grads=None, dtype=None,
                          detect_nondifferentiable=False):
    """Asserts that the gradient of ``func``'s gradient matches a numerical one.

    The first-order gradients (w.r.t. inputs and params) are treated as a
    function of the inputs (and of ``y_grad``) and checked with check_backward.
    """
    xs = _as_tuple(x_data)
    n_x = len(xs)
    params = tuple(params)
    if no_grads is None:
        no_grads = [x.dtype.kind != 'f' for x in xs]
    gy_data = () if y_grad is None else _as_tuple(y_grad)
    checked = [i for i in range(n_x) if not no_grads[i]]

    def first_order(*inputs):
        x_in = inputs[:n_x]
        gys = inputs[n_x:] or None
        wrt = [x_in[i] for i in checked] + list(params)
        # The numerical pass runs in no_backprop_mode, but first-order grads need a graph.
        with force_backprop_mode():
            ys = _outputs(func, x_in)
            grads = backprop.grad(list(ys), wrt, grad_outputs=gys, enable_double_backprop=True)
        out = []
        for g, v in zip(grads, wrt):
            if g is None:
                xp = backend.get_array_module(v.array)
                g = Variable(xp.zeros_like(v.array))
            out.append(g)
        return tuple(out)

    ggs = tuple(_as_tuple(x_grad_grad)) + tuple(_as_tuple(params_grad_grad))
    check_backward(first_order, tuple(xs) + tuple(gy_data), ggs, params=params, eps=eps,
                   atol=atol, rtol=rtol, no_grads=list(no_grads) + [False] * len(gy_data),
                   dtype=dtype, detect_nondifferentiable=detect_nondifferentiable)
