"""Golden values of Chainer 7.8.1's array functions whose layout or numerics are
easy to get subtly wrong (resize_images, depth2space/space2depth, im2col).

Runs in the reference environment: python functions_array.py OUT.npz
Keys: x/<case>/<i> (inputs), y/<case> (output), gy/<case> (a random upstream
gradient) and gx/<case>/<i> (the gradients of the inputs for it).
"""
import sys

import numpy

numpy.float = float  # Chainer 7.8.1's resize_images still uses the removed alias

import chainer  # NOQA: E402
import chainer.functions as F  # NOQA: E402

# name -> (function, input shape or tuple of shapes, dtype)
CASES = {
    'resize_bilinear_ac_up': (lambda x: F.resize_images(x, (7, 9)), (2, 2, 4, 5), 'f'),
    'resize_bilinear_ac_down': (lambda x: F.resize_images(x, (2, 3)), (1, 2, 5, 7), 'f'),
    'resize_bilinear_noac': (
        lambda x: F.resize_images(x, (7, 3), align_corners=False), (1, 2, 4, 5), 'f'),
    'resize_nearest_up': (
        lambda x: F.resize_images(x, (9, 7), mode='nearest'), (1, 2, 4, 5), 'f'),
    'resize_nearest_down': (
        lambda x: F.resize_images(x, (3, 2), mode='nearest', align_corners=False),
        (1, 2, 7, 5), 'f'),
    'resize_to_one': (lambda x: F.resize_images(x, (1, 1)), (1, 1, 3, 4), 'f'),
    'depth2space': (lambda x: F.depth2space(x, 2), (2, 12, 2, 3), 'd'),
    'space2depth': (lambda x: F.space2depth(x, 3), (1, 2, 6, 3), 'd'),
    'im2col': (lambda x: F.im2col(x, (3, 2), stride=(2, 1), pad=(1, 0), dilate=(1, 2)),
               (2, 2, 5, 6), 'd'),
    'im2col_cover_all': (lambda x: F.im2col(x, 3, stride=2, cover_all=True), (1, 2, 6, 6), 'd'),
    'st_grid': (lambda theta: F.spatial_transformer_grid(theta, (3, 4)), (2, 2, 3), 'd'),
    'st_sampler': (F.spatial_transformer_sampler, ((2, 3, 4, 5), (2, 2, 3, 6)), 'd'),
}


def main(out):
    data = {}
    for i, (name, (f, shape, dtype)) in enumerate(sorted(CASES.items())):
        r = numpy.random.RandomState(i)
        shapes = shape if isinstance(shape[0], tuple) else (shape,)
        xs = [chainer.Variable(r.uniform(-1.3, 1.3, s).astype(dtype)) for s in shapes]
        y = f(*xs)
        gy = r.randn(*y.shape).astype(dtype)
        y.grad = gy
        y.backward()
        data['y/' + name] = y.array
        data['gy/' + name] = gy
        for j, x in enumerate(xs):
            data['x/%s/%d' % (name, j)] = x.array
            data['gx/%s/%d' % (name, j)] = x.grad
    numpy.savez_compressed(out, **data)


if __name__ == '__main__':
    main(sys.argv[1])
