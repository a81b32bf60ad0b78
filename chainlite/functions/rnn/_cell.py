"""The memory-cell update shared by lstm, slstm and tree_lstm (private).

Each is ``c = sum_j tanh(A_j) sigmoid(I_j) + sum_k sigmoid(F_k) c_k`` and
``h = sigmoid(O) tanh(c)``; they differ only in how the pre-activations
``A_j, I_j, O, F_k`` are read from their inputs.

The backward is written with chainlite.functions, so it is differentiable
again (double backprop).
"""
from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.activation.sigmoid import sigmoid, sigmoid_array
from chainlite.functions.activation.tanh import tanh
from chainlite.functions.array.concat import concat
from chainlite.functions.array.reshape import reshape
from chainlite.functions.array.separate import separate
from chainlite.functions.array.split_axis import split_axis
from chainlite.functions.array.stack import stack
from chainlite.utils import type_check
from chainlite.variable import Variable


def split_gates(x, k, interleaved=True):
    """The ``k`` gates of an array or Variable ``x`` ``(B, k * n, ...)``, each ``(B, n, ...)``.

    Interleaved (lstm, slstm): gate ``j`` of unit ``u`` is column ``u * k + j``;
    else (tree_lstm) in blocks: column ``j * n + u``.
    """
    n = x.shape[1] // k
    shape = (x.shape[0],) + ((n, k) if interleaved else (k, n)) + tuple(x.shape[2:])
    axis = 2 if interleaved else 1
    if isinstance(x, Variable):
        return separate(reshape(x, shape), axis=axis)
    x = x.reshape(shape)
    return tuple(x[:, :, j] if interleaved else x[:, j] for j in range(k))


def join_gates(gates, interleaved=True):
    """Inverse of :func:`split_gates` for Variables."""
    g = stack(gates, axis=2 if interleaved else 1)
    return reshape(g, (g.shape[0], g.shape[1] * g.shape[2]) + tuple(g.shape[3:]))


def split_rows(v, n):
    """``(v[:n], v[n:])`` of a Variable; the rest is None when ``v`` has ``n`` rows (or is None)."""
    if v is None or v.shape[0] == n:
        return v, None
    return split_axis(v, [n], axis=0)


def check_types(in_types, cell_names, x_names, k, same_batch):
    """Chainer's checks: float inputs of one dtype and ndim, each ``x`` ``(B, k * n, ...)``
    and each cell ``(B', n, ...)`` with ``B == B'`` (or ``B <= B'`` unless ``same_batch``)."""
    type_check.argname(in_types, cell_names + x_names)
    cells, xs = in_types[:len(cell_names)], in_types[len(cell_names):]
    c = cells[0]
    type_check.expect(c.dtype.kind == 'f', c.ndim >= 2)
    for t in cells[1:] + xs:
        type_check.expect(t.dtype == c.dtype, t.ndim == c.ndim)
    for t in cells[1:]:
        type_check.expect(t.shape == c.shape)
    for x in xs:
        type_check.expect(x.shape[1] == k * c.shape[1], x.shape[2:] == c.shape[2:])
        type_check.expect(x.shape[0] == c.shape[0] if same_batch else x.shape[0] <= c.shape[0])


class GatedCell(FunctionNode):
    """Inputs: ``n_cells`` previous cells, then the gate inputs; outputs ``(c, h)``.

    A subclass defines ``preacts(xs) -> ([(A_1, I_1), ...], O, [F_1, ...])`` (on
    arrays or Variables) and ``grad_xs(gAs, gIs, gO, gFs) -> grads of xs``
    (Variables; ``gAs`` and ``gIs`` are lists like the pairs).
    Rows of the cells beyond the batch of the gate inputs pass through.
    """

    n_cells = 1
    # Chainer's tree_lstm sums the children's terms sigmoid(F_k) c_k before adding them to
    # the input's; lstm and slstm add every term in turn.
    forget_terms_first = False

    def cell(self, input_terms, forget_terms):
        """The new cell, from the terms tanh(A_j) sigmoid(I_j) and sigmoid(F_k) c_k
        (arrays or Variables), in Chainer's order of rounding."""
        c = sum(input_terms)
        if self.forget_terms_first:
            return c + sum(forget_terms[1:], forget_terms[0])
        for term in forget_terms:
            c = c + term
        return c

    def preacts(self, xs):
        raise NotImplementedError

    def grad_xs(self, gas, gis, go, gfs):
        raise NotImplementedError

    def forward(self, inputs):
        self.retain_inputs(tuple(range(len(inputs))))
        cs, xs = inputs[:self.n_cells], inputs[self.n_cells:]
        xp = backend.get_array_module(*inputs)
        batch = len(xs[0])
        pairs, o, fs = self.preacts(xs)
        c = self.cell([xp.tanh(a) * sigmoid_array(i) for a, i in pairs],
                      [sigmoid_array(f) * c_prev[:batch] for f, c_prev in zip(fs, cs)])
        h = sigmoid_array(o) * xp.tanh(c)
        if batch < len(cs[0]):
            c = xp.concatenate([c, cs[0][batch:]])
        return c, h

    def backward(self, indexes, grad_outputs):
        inputs = self.get_retained_inputs()
        cs, xs = inputs[:self.n_cells], inputs[self.n_cells:]
        xp = backend.get_array_module(cs[0])
        batch = xs[0].shape[0]
        gc, gh = grad_outputs
        if gc is None:
            gc = Variable(xp.zeros(cs[0].shape, cs[0].dtype))
        if gh is None:
            gh = Variable(xp.zeros((batch,) + cs[0].shape[1:], cs[0].dtype))
        pairs, o, fs = self.preacts(xs)
        pairs = [(tanh(a), sigmoid(i)) for a, i in pairs]
        o, fs = sigmoid(o), [sigmoid(f) for f in fs]
        heads = [split_rows(c_prev, batch)[0] for c_prev in cs]
        c = self.cell([a * i for a, i in pairs], [f * c_prev for f, c_prev in zip(fs, heads)])
        tc = tanh(c)
        gc, gc_rest = split_rows(gc, batch)
        g = gc + gh * o * (1 - tc * tc)
        gcs = [g * f for f in fs]
        if gc_rest is not None:  # only lstm has a longer cell; its rows pass through
            gcs[0] = concat([gcs[0], gc_rest], axis=0)
        # a sigmoid's derivative s (1 - s) rounded first, as in Chainer 7.8.1
        gxs = self.grad_xs([g * i * (1 - a * a) for a, i in pairs],
                           [g * a * (i * (1 - i)) for a, i in pairs], gh * tc * (o * (1 - o)),
                           [g * c_prev * (f * (1 - f)) for f, c_prev in zip(fs, heads)])
        return tuple(gcs) + tuple(gxs)
