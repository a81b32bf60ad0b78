"""Golden values of Chainer 7.8.1's activation functions in float16, float32 and float64.

Runs in the reference environment: python functions_activation.py OUT.npz
Keys: x/<case>/<dtype>/<i> (inputs), y/<case>/<dtype> (output), gy/<case>/<dtype>
(a random upstream gradient) and gx/<case>/<dtype>/<i> (the input gradients for it).
"""
import sys

import numpy

import chainer
import chainer.functions as F

# name -> (function, input shapes)
CASES = {
    'relu': (F.relu, ((3, 4),)),
    'leaky_relu': (lambda x: F.leaky_relu(x, 0.3), ((3, 4),)),
    'elu': (lambda x: F.elu(x, 1.5), ((3, 4),)),
    'selu': (F.selu, ((3, 4),)),
    'clipped_relu': (lambda x: F.clipped_relu(x, 0.7), ((3, 4),)),
    'crelu': (lambda x: F.crelu(x, axis=-1), ((2, 3, 2),)),
    'prelu': (F.prelu, ((3, 4, 2), (4,))),
    'sigmoid': (F.sigmoid, ((3, 4),)),
    'hard_sigmoid': (F.hard_sigmoid, ((3, 4),)),
    'tanh': (F.tanh, ((3, 4),)),
    'softmax': (F.softmax, ((3, 4, 2),)),
    'log_softmax': (lambda x: F.log_softmax(x, axis=2), ((3, 4, 2),)),
    'softplus': (lambda x: F.softplus(x, 2.0), ((3, 4),)),
    'swish': (F.swish, ((3, 4, 2), (4, 2))),
    'maxout': (lambda x: F.maxout(x, 3), ((2, 6, 2),)),
    'rrelu': (lambda x: F.rrelu(x, r=numpy.full(x.shape, 0.2, x.dtype)), ((3, 4),)),
}
DTYPES = ('float16', 'float32', 'float64')


def main(out):
    data = {}
    for i, (name, (f, shapes)) in enumerate(sorted(CASES.items())):
        for dtype in DTYPES:
            r = numpy.random.RandomState(i)
            xs = [chainer.Variable(r.uniform(-3, 3, s).astype(dtype)) for s in shapes]
            y = f(*xs)
            gy = r.randn(*y.shape).astype(dtype)
            y.grad = gy
            y.backward()
            key = '%s/%s' % (name, dtype)
            data['y/' + key] = y.array
            data['gy/' + key] = gy
            for j, x in enumerate(xs):
                data['x/%s/%d' % (key, j)] = x.array
                data['gx/%s/%d' % (key, j)] = x.grad
    numpy.savez_compressed(out, **data)


if __name__ == '__main__':
    main(sys.argv[1])
