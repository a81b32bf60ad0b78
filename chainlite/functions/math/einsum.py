"""``einsum``: Einstein summation (``numpy.einsum`` subscripts, ``...`` included).

Every operand's gradient is itself an einsum (of the other operands, the
output gradient, and constant identity/ones tensors for repeated or
summed-away subscripts), so double backward works.

>>> import numpy, chainlite.functions as F
>>> F.einsum('ij,jk->ik', numpy.ones((2, 3)), numpy.ones((3, 4))).shape
(2, 4)
>>> F.einsum('ii', numpy.eye(3)).array.tolist()
3.0
"""
import string

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.math._util import check_float, check_same_dtype, constant, invalid
from chainlite.utils import force_array

_LETTERS = string.ascii_letters
_OPTIMIZE_SIZE = 4096


def _parse(subscripts, shapes):
    """Returns (input label lists, output label list) with ``...`` expanded to fresh letters."""
    subscripts = subscripts.replace(' ', '')
    if '->' in subscripts:
        ins, out = subscripts.split('->')
    else:
        ins, out = subscripts, None
    ins = ins.split(',')
    if len(ins) != len(shapes):
        raise ValueError('einsum: the subscripts %r name %d operands but %d were given'
                         % (subscripts, len(ins), len(shapes)))
    used = set(subscripts) & set(_LETTERS)
    free = [c for c in _LETTERS if c not in used]
    n_ell = max([len(shape) - len(s.replace('...', '')) for s, shape in zip(ins, shapes)
                 if '...' in s] or [0])
    ell = free[:n_ell]
    labels = []
    for s, shape in zip(ins, shapes):
        if '...' in s:
            head, tail = s.split('...')
            k = len(shape) - len(head) - len(tail)
            s = list(head) + ell[n_ell - k:] + list(tail)
        else:
            s = list(s)
        if len(s) != len(shape) or any(c not in _LETTERS for c in s):
            raise ValueError('einsum: subscripts %r do not fit an operand of shape %s'
                             % (''.join(s), shape))
        labels.append(s)
    if out is None:
        counts = {}
        for s in labels:
            for c in s:
                counts[c] = counts.get(c, 0) + 1
        out = ell + sorted(c for c, n in counts.items() if n == 1 and c not in ell)
    else:
        out = list(out.replace('...', ''.join(ell))) if '...' in out else list(out)
    return labels, out


def _sizes(labels, shapes, label):
    """Size of each letter; a size-1 axis broadcasts against a larger one."""
    sizes = {}
    for s, shape in zip(labels, shapes):
        for c, n in zip(s, shape):
            if sizes.get(c, 1) != n and n != 1:
                if sizes.get(c, 1) != 1:
                    raise invalid(label, 'consistent sizes for subscript %r' % c,
                                  '%d != %d (shapes %s)' % (sizes[c], n, list(shapes)))
            if n != 1 or c not in sizes:
                sizes[c] = n
    return sizes


def _spec(labels, out):
    return ','.join(''.join(s) for s in labels) + '->' + ''.join(out)


class EinSum(FunctionNode):
    label = 'EinSum'

    def __init__(self, labels, out):
        self.labels = labels
        self.out = out

    def forward(self, inputs):
        check_float(self.label, **{'x%d' % i: x for i, x in enumerate(inputs)})
        check_same_dtype(self.label, **{'x%d' % i: x for i, x in enumerate(inputs)})
        for c in set(self.out):
            if self.out.count(c) > 1:
                raise ValueError('einsum: output subscript %r appears more than once' % c)
            if not any(c in s for s in self.labels):
                raise ValueError('einsum: output subscript %r names no input axis' % c)
        self.sizes = _sizes(self.labels, [x.shape for x in inputs], self.label)
        self.retain_inputs(tuple(range(len(inputs))))
        xp = backend.get_array_module(*inputs)
        # A contraction path (with BLAS) pays off for large operands; its search costs ~50 us.
        optimize = len(inputs) > 1 and sum(x.size for x in inputs) > _OPTIMIZE_SIZE
        y = xp.einsum(_spec(self.labels, self.out), *inputs, optimize=optimize)
        return force_array(y, inputs[0].dtype),

    def backward(self, indexes, grad_outputs):
        xs = self.get_retained_inputs()
        gy, = grad_outputs
        return tuple(self._grad(k, xs, gy) for k in indexes)

    def _grad(self, k, xs, gy):
        xp = backend.get_array_module(gy.array)
        used = set(self.out).union(*self.labels)
        fresh = iter(c for c in _LETTERS if c not in used)

        def own_letters(s, shape):
            # An axis broadcast from size 1 gets its own letter: it is then summed alone.
            return [c if n == self.sizes[c] else next(fresh) for c, n in zip(s, shape)]

        operands, labels = [], []
        for j, (x, s) in enumerate(zip(xs, self.labels)):
            if j != k:
                operands.append(x)
                labels.append(own_letters(s, x.shape))
        operands.append(gy)
        labels.append(list(self.out))
        target = own_letters(self.labels[k], xs[k].shape)
        present = set(self.out).union(*labels)
        out, seen = [], set()
        for c in target:
            if c in seen:  # a repeated letter (a diagonal): tie a new letter to it by identity
                d = next(fresh)
                operands.append(constant(xp.eye(self.sizes[c], dtype=gy.dtype)))
                labels.append([c, d])
                c = d
            elif c not in present:  # summed away in forward: the gradient is broadcast
                n = self.sizes.get(c, 1)
                operands.append(constant(xp.ones(n, dtype=gy.dtype)))
                labels.append([c])
            seen.add(c)
            out.append(c)
        return EinSum(labels, out).apply(operands)[0]


def einsum(*operands):
    """Einstein summation: ``einsum(subscripts, *arrays)`` as ``numpy.einsum``.

    Subscripts are letters (with optional ``...`` and ``->output``); without
    ``->`` the output holds the letters seen once, in alphabetical order.
    """
    if not operands or not isinstance(operands[0], str):
        raise TypeError('einsum: the first argument must be the subscripts string')
    subscripts, arrays = operands[0], operands[1:]
    labels, out = _parse(subscripts, [a.shape for a in arrays])
    return EinSum(labels, out).apply(arrays)[0]
