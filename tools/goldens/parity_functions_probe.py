"""Golden values of Chainer 7.8.1 for the differences a differential probe of
chainer.functions found (tests/test_parity_functions_probe.py): means of float16 arrays
(summed in float32), matmul with a "transposed" 1-d operand, the gradients of 0-dim
polygamma and digamma, and the error type of bad shapes (InvalidType).

Runs in the reference environment: python parity_functions_probe.py OUT.npz
The tests import CASES and ERRORS and make the same calls with chainlite.

Keys, for each case of CASES:
  x/<case>/<i>     the inputs            y/<case>         the output
  gy/<case>        the upstream gradient gx/<case>/<i>    the input gradients
  ggx/<case>/<i>   d(sum(gx * w))/dx for the random weights w/<case>/<i> (double cases;
                   absent where Chainer gives None, a zero gradient)
and err/<case> (the exception class name) for each bad call of ERRORS.
"""
import sys

import numpy

import _probes

# name -> (function of (F, *inputs), input shapes, dtype, whether to differentiate twice)
CASES = {
    'mean_f16_all': (lambda F, x: F.mean(x), [(100,)], 'e', False),
    'mean_f16_axis': (lambda F, x: F.mean(x, axis=1), [(3, 300)], 'e', False),
    'mean_f16_tuple_keep': (lambda F, x: F.mean(x, axis=(0, 2), keepdims=True),
                            [(3, 5, 40)], 'e', False),
    'average_f16': (lambda F, x: F.average(x, axis=-1), [(2, 500)], 'e', False),
    'mean_f32': (lambda F, x: F.mean(x, axis=0), [(7, 3)], 'f', True),
    'matmul_1d_transa': (lambda F, a, b: F.matmul(a, b, transa=True), [(3,), (3, 2)], 'd', True),
    'matmul_1d_transb': (lambda F, a, b: F.matmul(a, b, transb=True), [(2, 3), (3,)], 'd', True),
    'matmul_1d_both': (lambda F, a, b: F.matmul(a, b, transa=True, transb=True),
                       [(3,), (3,)], 'd', True),
    'matmul_1d_3d': (lambda F, a, b: F.matmul(a, b, transa=True, transb=True),
                     [(3,), (2, 4, 3)], 'd', True),
    'polygamma_0d': (lambda F, x: F.polygamma(numpy.array(1, numpy.int32), x), [()], 'd', True),
    'digamma_0d': (lambda F, x: F.digamma(x), [()], 'd', True),
}

_A = numpy.ones((2, 3), numpy.float32)
_W = numpy.ones((1, 1, 3, 3), numpy.float32)
# name -> a bad call of (F, xp); Chainer raises type_check.InvalidType for each
ERRORS = {
    'concat': lambda F: F.concat([_A, _A[:, :, None]]),
    'stack': lambda F: F.stack([_A, _A.T]),
    'hstack': lambda F: F.hstack([_A, _A.T]),
    'split_axis_sections': lambda F: F.split_axis(_A, 2, 1),
    'split_axis_indices': lambda F: F.split_axis(_A, [5], 1),
    'maxout': lambda F: F.maxout(_A, 2),
    'select_item': lambda F: F.select_item(_A, numpy.zeros(3, numpy.int32)),
    'pad_sequence': lambda F: F.pad_sequence([_A, _A], length=1),
    'transpose_sequence': lambda F: F.transpose_sequence([_A[:1], _A]),
    'fliplr': lambda F: F.fliplr(_A[0]),
    'deconvolution_outsize': lambda F: F.deconvolution_2d(_W, _W, outsize=(9, 9)),
    'unpooling_outsize': lambda F: F.unpooling_2d(_W, 2, outsize=(9, 9)),
}


def inputs(name):
    """The inputs of case ``name`` (positive, for polygamma and means)."""
    _, shapes, dtype, _ = CASES[name]
    r = numpy.random.RandomState(sorted(CASES).index(name))
    return [numpy.asarray(r.uniform(0.5, 2.0, s) * (1000 if dtype == 'e' else 1)).astype(dtype)
            for s in shapes]


def run(chainer, name, xs):
    """Output, upstream gradient, gradients (and second-order ones) of case ``name``."""
    f, _, _, double = CASES[name]
    r = numpy.random.RandomState(100)
    vs = [chainer.Variable(x) for x in xs]
    y = f(chainer.functions, *vs)
    gy = r.uniform(-1, 1, y.shape).astype(y.dtype)
    gxs = chainer.grad([y], vs, grad_outputs=[chainer.Variable(gy)],
                       enable_double_backprop=double)
    out = {'y': y.array, 'gy': gy}
    out.update(('gx/%d' % i, g.array) for i, g in enumerate(gxs))
    if double:
        ws = [r.uniform(-1, 1, g.shape).astype(g.dtype) for g in gxs]
        total = sum(chainer.functions.sum(g * w) for g, w in zip(gxs, ws))
        out.update(('w/%d' % i, w) for i, w in enumerate(ws))
        ggxs = chainer.grad([total], vs)
        # (None, absent here, where Chainer knows the gradient is zero)
        out.update(('ggx/%d' % i, g.array) for i, g in enumerate(ggxs) if g is not None)
    return out


def main(out):
    import chainer
    data = {}
    for name in sorted(CASES):
        xs = inputs(name)
        data.update(('x/%s/%d' % (name, i), x) for i, x in enumerate(xs))
        for key, value in run(chainer, name, xs).items():
            head, _, index = key.partition('/')
            data['/'.join([head, name] + ([index] if index else []))] = value
    data.update(_probes.raised(chainer.functions, ERRORS))
    numpy.savez_compressed(out, **data)


if __name__ == '__main__':
    main(sys.argv[1])
