"""The workloads written by hand in plain NumPy: the floor chainlite is measured against.

Written the way a careful NumPy user would (BLAS for products, in-place
updates where they are natural), with no framework around it. A worker of
benchmarks/run.py.
"""
import math
import sys

import numpy
from numpy.lib.stride_tricks import sliding_window_view

import _common as C

B1, B2, EPS, ALPHA = 0.9, 0.999, 1e-8, 1e-3


class Adam:
    """Chainer's Adam, one parameter at a time; ``settings`` holds (alpha, decay) per parameter."""

    def __init__(self, params, settings=None):
        self.params = params
        self.m = [numpy.zeros_like(p) for p in params]
        self.v = [numpy.zeros_like(p) for p in params]
        self.settings = settings or [(ALPHA, 0.0)] * len(params)
        self.t = 0

    def update(self, grads):
        self.t += 1
        fix = math.sqrt(1 - B2 ** self.t) / (1 - B1 ** self.t)
        for p, g, m, v, (alpha, decay) in zip(self.params, grads, self.m, self.v, self.settings):
            if decay:
                g += decay * p
            d = g - m
            d *= 1 - B1
            m += d
            numpy.multiply(g, g, out=d)
            d -= v
            d *= 1 - B2
            v += d
            numpy.sqrt(v, out=d)
            d += EPS
            numpy.divide(m, d, out=d)
            d *= alpha * fix
            p -= d


class FlatAdam:
    """The same Adam over one flat buffer per quantity, in cache-sized slices."""

    def __init__(self, params, grads):
        n = sum(p.size for p in params)
        self.p, self.g = numpy.empty(n, numpy.float32), numpy.empty(n, numpy.float32)
        off = 0
        for p, g in zip(params, grads):
            self.p[off:off + p.size] = p.ravel()
            self.g[off:off + p.size] = g.ravel()
            off += p.size
        self.m = numpy.zeros_like(self.p)
        self.v = numpy.zeros_like(self.p)
        self.tmp = numpy.empty(min(n, C.CHUNK), numpy.float32)
        self.t = 0

    def update(self):
        self.t += 1
        lr = ALPHA * math.sqrt(1 - B2 ** self.t) / (1 - B1 ** self.t)
        for s in range(0, self.p.size, C.CHUNK):
            p, g = self.p[s:s + C.CHUNK], self.g[s:s + C.CHUNK]
            m, v = self.m[s:s + C.CHUNK], self.v[s:s + C.CHUNK]
            d = self.tmp[:p.size]
            numpy.subtract(g, m, out=d)
            d *= 1 - B1
            m += d
            numpy.multiply(g, g, out=d)
            d -= v
            d *= 1 - B2
            v += d
            numpy.sqrt(v, out=d)
            d += EPS
            numpy.divide(m, d, out=d)
            d *= lr
            p -= d


class SGD:
    def __init__(self, params):
        self.params = params

    def update(self, grads):
        for p, g in zip(self.params, grads):
            p -= C.SGD_LR * g


def linear_init(rs, n_in, n_out):
    return (rs.randn(n_out, n_in) * math.sqrt(1.0 / n_in)).astype(numpy.float32), \
        numpy.zeros(n_out, numpy.float32)


def softmax_cross_entropy_grad(y, t):
    """Mean softmax cross entropy of logits ``y``; returns (loss, dL/dy)."""
    e = numpy.exp(y - y.max(axis=1, keepdims=True))
    s = e.sum(axis=1, keepdims=True)
    rows = numpy.arange(len(t))
    e /= s
    loss = -numpy.log(e[rows, t]).mean()
    e[rows, t] -= 1
    e /= len(t)
    return loss, e


def mlp(sizes, batch, opt_name, settings=False):
    def factory():
        rs = numpy.random.RandomState(C.SEED)
        params = []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            params += linear_init(rs, n_in, n_out)
        x, t = C.mlp_data(sizes, batch)
        if opt_name == 'sgd':
            opt = SGD(params)
        else:
            opt = Adam(params, [(C.W7_ALPHA, C.W7_DECAY) if settings and i % 2 else (ALPHA, 0.0)
                                for i in range(len(params))])
        n = len(params) // 2

        def step():
            hs = [x]
            for i in range(n):
                h = hs[-1] @ params[2 * i].T
                h += params[2 * i + 1]
                if i < n - 1:
                    numpy.maximum(h, 0, out=h)
                hs.append(h)
            _, g = softmax_cross_entropy_grad(hs[-1], t)
            grads = [None] * len(params)
            for i in reversed(range(n)):
                grads[2 * i] = g.T @ hs[i]
                grads[2 * i + 1] = g.sum(axis=0)
                if i:
                    g = g @ params[2 * i]
                    g *= hs[i] > 0
            opt.update(grads)
        return step
    return factory


def conv3x3(x, W, b):
    """3x3 convolution, pad 1, by im2col; returns (y, columns)."""
    n, c, h, w = x.shape
    xp = numpy.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
    col = sliding_window_view(xp, (3, 3), axis=(2, 3)).transpose(0, 2, 3, 1, 4, 5)
    col = col.reshape(n * h * w, c * 9)
    y = col @ W.reshape(len(W), -1).T
    y += b
    return y.reshape(n, h, w, len(W)).transpose(0, 3, 1, 2), col


def conv3x3_backward(gy, col, W, x_shape, need_gx):
    n, c, h, w = x_shape
    gy = gy.transpose(0, 2, 3, 1).reshape(-1, len(W))
    gW = (gy.T @ col).reshape(W.shape)
    gb = gy.sum(axis=0)
    if not need_gx:
        return None, gW, gb
    gcol = (gy @ W.reshape(len(W), -1)).reshape(n, h, w, c, 3, 3)
    gxp = numpy.zeros((n, c, h + 2, w + 2), numpy.float32)
    for i in range(3):
        for j in range(3):
            gxp[:, :, i:i + h, j:j + w] += gcol[..., i, j].transpose(0, 3, 1, 2)
    return gxp[:, :, 1:-1, 1:-1], gW, gb


def maxpool2(x):
    """2x2 max pooling, stride 2; returns (y, argmax within each window)."""
    n, c, h, w = x.shape
    win = x.reshape(n, c, h // 2, 2, w // 2, 2).transpose(0, 1, 2, 4, 3, 5)
    win = win.reshape(n, c, h // 2, w // 2, 4)
    idx = win.argmax(axis=-1)[..., None]
    return numpy.take_along_axis(win, idx, -1)[..., 0], idx


def maxpool2_backward(gy, idx):
    n, c, h, w = gy.shape
    g = numpy.zeros((n, c, h, w, 4), numpy.float32)
    numpy.put_along_axis(g, idx, gy[..., None], -1)
    return g.reshape(n, c, h, w, 2, 2).transpose(0, 1, 2, 4, 3, 5).reshape(n, c, 2 * h, 2 * w)


def cnn():
    rs = numpy.random.RandomState(C.SEED)
    W1 = (rs.randn(32, 1, 3, 3) * math.sqrt(1 / 9)).astype(numpy.float32)
    W2 = (rs.randn(64, 32, 3, 3) * math.sqrt(1 / 288)).astype(numpy.float32)
    W3, b3 = linear_init(rs, 3136, 10)
    params = [W1, numpy.zeros(32, numpy.float32), W2, numpy.zeros(64, numpy.float32), W3, b3]
    opt = Adam(params)
    x, t = C.cnn_data()

    def step():
        a1, col1 = conv3x3(x, W1, params[1])
        r1 = numpy.maximum(a1, 0)
        p1, i1 = maxpool2(r1)
        a2, col2 = conv3x3(p1, W2, params[3])
        r2 = numpy.maximum(a2, 0)
        p2, i2 = maxpool2(r2)
        flat = p2.reshape(len(x), -1)
        y = flat @ W3.T
        y += b3
        _, g = softmax_cross_entropy_grad(y, t)
        gW3, gb3 = g.T @ flat, g.sum(axis=0)
        g = maxpool2_backward((g @ W3).reshape(p2.shape), i2)
        g *= r2 > 0
        g, gW2, gb2 = conv3x3_backward(g, col2, W2, p1.shape, True)
        g = maxpool2_backward(g, i1)
        g *= r1 > 0
        _, gW1, gb1 = conv3x3_backward(g, col1, W1, x.shape, False)
        opt.update([gW1, gb1, gW2, gb2, gW3, gb3])
    return step


def adam_update(name):
    def factory():
        params, grads = C.w3_arrays(name)
        opt = Adam(params)
        return lambda: opt.update(grads)
    return factory


def flat_adam_update(name):
    def factory():
        return FlatAdam(*C.w3_arrays(name)).update
    return factory


def op_chain():
    """W5's chain by hand: forward, then the gradients of w and b."""
    x, w, b = C.w5_data()

    def step():
        h1 = x @ w
        h2 = h1 + b
        h3 = h2 * h2
        h4 = h3 @ w
        h5 = h4 + b
        h5.sum()
        g5 = numpy.ones_like(h5)
        gb = g5.sum(axis=0)
        gw = h3.T @ g5
        g2 = 2 * h2 * (g5 @ w.T)
        gb = gb + g2.sum(axis=0)
        gw = gw + x.T @ g2
        return gw, gb
    return step


FACTORIES = {
    'W1/sgd': mlp(C.MLP_W1, C.BATCH_W1, 'sgd'),
    'W1/adam': mlp(C.MLP_W1, C.BATCH_W1, 'adam'),
    'W2/sgd': mlp(C.MLP_W2, C.BATCH_W2, 'sgd'),
    'W2/adam': mlp(C.MLP_W2, C.BATCH_W2, 'adam'),
    'W3/resnet50': adam_update('resnet50'),
    'W3/small1000': adam_update('small1000'),
    'W3/resnet50-fused': flat_adam_update('resnet50'),
    'W3/small1000-fused': flat_adam_update('small1000'),
    'W4/adam': cnn,
    'W5/ops': op_chain,
    'W7/adam': mlp(C.MLP_W1, C.BATCH_W1, 'adam', settings=True),
}

if __name__ == '__main__':
    C.serve(FACTORIES, {'numpy': numpy.__version__, 'python': sys.version.split()[0]})
