"""Backward traversal of the graph, shared by ``Variable.backward`` and ``grad``.

Functions are visited in decreasing rank (a heap), so each variable's gradient
is complete (summed over every branch) before its creator runs backward.
Gradients of intermediate variables are dropped as soon as they have been used.

>>> import numpy, chainlite
>>> x = chainlite.Variable(numpy.array(2.0))
>>> y = x ** 3
>>> gx, = chainlite.grad([y], [x], enable_double_backprop=True)
>>> ggx, = chainlite.grad([gx], [x])
>>> float(gx.array), float(ggx.array)
(12.0, 12.0)
"""
import heapq
import warnings

import numpy

from chainlite import backend
from chainlite.configuration import using_config
from chainlite.configuration import config, global_config
from chainlite import function_hook
from chainlite.function_hook import _state as _hook_state
from chainlite.function_node import _check_finite
from chainlite.utils import force_array
from chainlite.variable import ARRAY_TYPES, Variable


def _initial_grads(outputs, grad_outputs, loss_scale, seed_ones=False):
    """The starting gradient of each output (None: a non-scalar leaf that ``backward`` skips).

    Without a given gradient, ``backward`` uses ``y.grad`` or ones for a scalar;
    ``grad`` (``seed_ones``) uses ones of any shape, as Chainer does. As in Chainer,
    ``loss_scale`` multiplies only such ones, never a gradient given.
    """
    grads = []
    for i, y in enumerate(outputs):
        gy = None if grad_outputs is None else grad_outputs[i]
        if gy is None and not seed_ones:
            gy = y._grad_var
        elif gy is not None and not isinstance(gy, Variable):
            gy = Variable(gy)
        if gy is None:
            if y._data is None:
                raise ValueError('backward: the output variable has no array')
            if not seed_ones:
                _check_scalar(y)
                if y._data.size != 1:
                    grads.append(None)  # Chainer: backward of a bare leaf does nothing
                    continue
            data = y._data
            gy = _as_variable(backend.get_array_module(data).ones(data.shape, data.dtype))
            if loss_scale is not None:
                gy = gy * loss_scale
        grads.append(gy)
    return grads


def _check_scalar(y):
    """Checks that ``backward`` may start from ones at ``y``: a scalar (a size-1 array, with
    Chainer's DeprecationWarning unless 0-d), or a leaf (which then gets no gradient)."""
    shape = y._data.shape
    if y._data.size == 1:
        if shape:
            warnings.warn('Treating a variable with only one element as a scalar in '
                          'Variable.backward is deprecated. A scalar variable must be a '
                          '0-dimensional array. Apply chainer.functions.squeeze to obtain a '
                          'scalar variable. If the size of this variable accidentally becomes '
                          'one, set zero to grad.', DeprecationWarning, stacklevel=5)
    elif y._node.creator_node is not None:
        raise TypeError(
            'backward: the output has shape %s, not a scalar, and its grad is not set; '
            'set y.grad (e.g. to ones) or reduce it first (e.g. F.sum(y))' % (shape,))


def _add(a, b):
    """Sums two gradients: Variables (differentiably when backprop is on) or arrays."""
    if isinstance(a, Variable):
        if config.enable_backprop:
            return a + b
        return Variable(_add(a._data, b._data))
    y = a + b
    return y if type(y) is numpy.ndarray else force_array(y)  # 0-dim NumPy sums are scalars


def _as_array(g):
    """A backward result as an array (0-dim NumPy arithmetic gives scalars)."""
    if isinstance(g, Variable):
        return g._data
    if isinstance(g, numpy.generic):
        return numpy.asarray(g)
    return Variable(g)._data  # a clear TypeError for anything else


def _as_variable(g):
    """A gradient as a Variable (arrays here have been checked already)."""
    if g is None or isinstance(g, Variable):
        return g
    return Variable._new_output(g, True, None, 0)


def _take_grad(node, grads, targets, retain_grad):
    """The gradient of an output node; released unless the node is a target."""
    if node is None:
        return None
    if targets is not None and node in targets:
        return grads.get(node)
    gy = grads.pop(node, None)
    if retain_grad and gy is not None:
        var = node._variable()
        if var is not None:
            var._grad_var = _as_variable(gy)
    return gy


def _run(outputs, initial_grads, retain_grad, targets):
    """Propagates gradients from ``outputs``; returns the final gradient per node.

    ``targets`` (a set of nodes, or None for every leaf) are the nodes whose
    gradients are kept; all others are released once used. Without double
    backprop the gradients are plain arrays (nodes whose ``backward_on_arrays``
    is set run on them directly; the others get them wrapped in Variables);
    with it, Variables throughout.
    """
    on_arrays = not config.enable_backprop
    grads = {}
    leaves = {}
    heap = []
    seen = set()
    counter = 0
    for y, gy in zip(outputs, initial_grads):
        if on_arrays:
            gy = gy._data
        node = y._node
        prev = grads.get(node)
        grads[node] = gy if prev is None else _add(prev, gy)
        func = node.creator_node
        if func is None:
            leaves[node] = None
        elif func not in seen:
            seen.add(func)
            heapq.heappush(heap, (-func.rank, counter, func))
            counter += 1
    local = config.__dict__  # (as in FunctionNode.apply: no __getattr__ fallback per read)
    debug = local['debug'] if 'debug' in local else global_config.debug
    global_hooks = _hook_state.__dict__.get('hooks')
    get = grads.get
    pop = grads.pop
    heappop = heapq.heappop
    heappush = heapq.heappush
    plain = targets is None and not retain_grad  # every output gradient is just taken
    while heap:
        func = heappop(heap)[2]
        outs = func.outputs
        if not plain:
            gys = tuple([_take_grad(ref(), grads, targets, retain_grad) for ref in outs])
        elif len(outs) == 1:  # (a dead output's ref gives None, which is no key)
            gys = (pop(outs[0](), None),)
        else:
            gys = tuple([pop(ref(), None) for ref in outs])
        for gy in gys:
            if gy is not None:
                break
        else:  # no gradient reached this node
            continue
        in_nodes = func.inputs
        target_indexes = func._target_indexes
        if not target_indexes:
            continue
        hooks = None
        if global_hooks or func._local_function_hooks:
            hooks = function_hook.active_hooks(global_hooks, func._local_function_hooks)
            in_data = tuple([n.data for n in in_nodes])
            out_grad = tuple([getattr(g, 'array', g) for g in gys])
            for hook in hooks:
                hook.backward_preprocess(func, in_data, out_grad)
        if not on_arrays:
            gxs = func._target_grads(target_indexes, gys)
        elif func.backward_on_arrays:
            func._on_arrays = True
            try:
                gxs = func._target_grads(target_indexes, gys)
            finally:
                func._on_arrays = False
        else:
            gxs = func._target_grads(target_indexes, tuple([_as_variable(g) for g in gys]))
        if hooks:
            for hook in hooks:
                hook.backward_postprocess(func, in_data, out_grad)
        if debug:
            _check_finite(func.label, 'backward', gxs)
        for i, gx in zip(target_indexes, gxs):
            if gx is None:
                continue
            if on_arrays:
                if not isinstance(gx, ARRAY_TYPES):
                    gx = _as_array(gx)
            elif not isinstance(gx, Variable):
                gx = Variable(gx)
            node = in_nodes[i]
            prev = get(node)
            if prev is None:
                grads[node] = gx
            else:
                grads[node] = _add(prev, gx)
            creator = node.creator_node
            if creator is None:
                leaves[node] = None
            elif creator not in seen:
                seen.add(creator)
                heappush(heap, (-creator.rank, counter, creator))
                counter += 1
    return grads, leaves


def backward(outputs, grad_outputs=None, retain_grad=False, enable_double_backprop=False,
             loss_scale=None):
    """Runs backward from ``outputs`` and accumulates gradients into the leaf Variables."""
    with using_config('enable_backprop', enable_double_backprop):
        initial = _initial_grads(outputs, grad_outputs, loss_scale)
        outputs = [y for y, gy in zip(outputs, initial) if gy is not None]
        initial = [gy for gy in initial if gy is not None]
        grads, leaves = _run(outputs, initial, retain_grad, None)
        # a leaf output's seed is its own grad (or ones): set, not added to itself
        seeded = [y._node for y in outputs if y._node.creator_node is None]
        for node in leaves:
            var = node._variable()
            if var is None:
                continue
            gx = _as_variable(grads[node])
            if var._grad_var is None or node in seeded:
                var._grad_var = gx
            else:
                var._grad_var = _add(var._grad_var, gx)
            var._loss_scale = loss_scale  # None clears the scale of an earlier backward
        for y, gy in zip(outputs, initial):
            if retain_grad:
                if y._node in grads:
                    y._grad_var = gy
            elif y._node.creator_node is not None:
                y._grad_var = None  # as in Chainer, a given output grad is used up as well


def backward_outputs(outputs, grad_outputs=None, enable_double_backprop=False):
    """``chainer.backward``: backward from several outputs at once.

    With ``grad_outputs``, each output starts from its entry (None: skipped); without, from
    its ``grad``, a repeated output or one without grad being skipped with a RuntimeWarning,
    as in Chainer, except that a scalar without grad starts from ones (chainlite).
    """
    if not isinstance(outputs, (list, tuple)):
        raise TypeError('outputs must be a tuple or a list, not %s.' % type(outputs))
    for y in outputs:
        if not isinstance(y, Variable):
            raise TypeError('each output must be a Variable, not %s' % type(y))
    if grad_outputs is None:
        unique = {id(y): y for y in outputs}.values()
        kept = [y for y in unique if y._grad_var is not None or y._data is None or
                y._data.size == 1]
        if len(kept) < len(outputs):
            warnings.warn('outputs contains a Variable without grad, or duplicate outputs. '
                          'Note that chainer.backward does not set default grad.',
                          RuntimeWarning, stacklevel=3)
        outputs = kept
    elif len(grad_outputs) != len(outputs):
        raise ValueError('grad_outputs must be of the same length as outputs.\nlen(outputs) = '
                         '%d, len(grad_outputs) = %d' % (len(outputs), len(grad_outputs)))
    else:
        pairs = [(y, gy) for y, gy in zip(outputs, grad_outputs) if gy is not None]
        outputs, grad_outputs = [y for y, _ in pairs], [gy for _, gy in pairs]
    if outputs:
        backward(outputs, grad_outputs, False, enable_double_backprop)


def grad(outputs, inputs, grad_outputs=None, grad_inputs=None, set_grad=False,
         retain_grad=False, enable_double_backprop=False, loss_scale=None):
    """Returns the gradients of ``outputs`` with respect to ``inputs`` as Variables.

    Leaves' ``.grad`` are left untouched unless ``set_grad`` is True. With
    ``enable_double_backprop=True`` the returned gradients are differentiable.
    """
    for name, seq in (('outputs', outputs), ('inputs', inputs)):
        if not isinstance(seq, (list, tuple)):
            raise TypeError('grad: %s must be a tuple or a list, not %s'
                            % (name, type(seq).__name__))
        for v in seq:
            if not isinstance(v, Variable):
                raise TypeError('grad: every element of %s must be a Variable, got %s'
                                % (name, type(v).__name__))
    if grad_outputs is not None and len(grad_outputs) != len(outputs):
        raise ValueError('grad: %d grad_outputs given for %d outputs'
                         % (len(grad_outputs), len(outputs)))
    if grad_inputs is not None and len(grad_inputs) != len(inputs):
        raise ValueError('grad: %d grad_inputs given for %d inputs'
                         % (len(grad_inputs), len(inputs)))
    with using_config('enable_backprop', enable_double_backprop):
        initial = _initial_grads(outputs, grad_outputs, loss_scale, seed_ones=True)
        targets = {x._node for x in inputs}
        grads, _ = _run(outputs, initial, retain_grad, targets)
        result = []
        for i, x in enumerate(inputs):
            gx = _as_variable(grads.get(x._node))
            if grad_inputs is not None and grad_inputs[i] is not None:
                gi = grad_inputs[i]
                gi = gi if isinstance(gi, Variable) else Variable(gi)
                gx = gi if gx is None else _add(gx, gi)
            result.append(gx)
    if set_grad:
        for x, gx in zip(inputs, result):
            x.grad_var = gx
    return result
