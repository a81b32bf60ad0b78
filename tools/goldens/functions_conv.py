"""Goldens of Chainer 7.8.1's connection, pooling and normalization functions.

Runs in the reference environment: python functions_conv.py OUT.npz
Each case ``<case>`` stores:
  <case>/params            JSON: {"fn": name, "args": [input names], "kwargs": {...},
                           "arrays_in_kwargs": [names], "grads": [input names]}
  <case>/in/<name>         the inputs (positional ones in "args" order, and kwargs arrays)
  <case>/out/<i>           the outputs (one, or several for return_indices)
  <case>/gy                the output gradient fed to backward (first output)
  <case>/grad/<name>       the gradients of the inputs listed in "grads"
  <case>/after/<name>      kwargs arrays after the call (running statistics)
Float inputs are float64 unless the case name ends in _f32.
"""
import json
import sys

import numpy

import chainer
import chainer.functions as F

rng = numpy.random.RandomState(0)


def r(*shape, dtype='float64'):
    return rng.uniform(-1, 1, shape).astype(dtype)


def perm(*shape):
    """Distinct values (no ties for max pooling)."""
    return (rng.permutation(int(numpy.prod(shape))).reshape(shape) * 0.1 - 1).astype('float64')


CASES = []


def case(name, fn, args, kwargs=None, grads=None, kw_arrays=None):
    CASES.append((name, fn, args, kwargs or {}, kw_arrays or {},
                  list(args) if grads is None else grads))


# connection
case('conv2d', 'convolution_2d', dict(x=r(1, 3, 5, 6), W=r(4, 3, 3, 3), b=r(4)))
case('conv2d_s2p1', 'convolution_2d', dict(x=r(2, 3, 6, 5), W=r(4, 3, 3, 2)),
     dict(stride=2, pad=1))
case('conv2d_cover_all', 'convolution_2d', dict(x=r(1, 2, 6, 7), W=r(3, 2, 3, 3)),
     dict(stride=(2, 3), pad=(0, 1), cover_all=True))
case('conv2d_dilate_groups', 'convolution_2d', dict(x=r(1, 4, 7, 6), W=r(6, 2, 3, 2), b=r(6)),
     dict(dilate=(2, 1), groups=2, pad=1))
case('conv2d_f32', 'convolution_2d', dict(x=r(1, 3, 5, 5, dtype='f'), W=r(2, 3, 3, 3, dtype='f'),
                                          b=r(2, dtype='f')), dict(pad=1))
case('conv1d', 'convolution_nd', dict(x=r(2, 3, 9), W=r(2, 3, 3), b=r(2)), dict(stride=2, pad=1))
case('conv3d', 'convolution_nd', dict(x=r(1, 2, 4, 5, 3), W=r(2, 2, 2, 3, 2)),
     dict(stride=(1, 2, 1), pad=1, cover_all=True))
case('deconv2d', 'deconvolution_2d', dict(x=r(2, 3, 3, 4), W=r(3, 2, 3, 3), b=r(2)),
     dict(stride=2, pad=1))
case('deconv2d_outsize', 'deconvolution_2d', dict(x=r(1, 2, 3, 3), W=r(2, 3, 3, 2)),
     dict(stride=2, outsize=(8, 7)))
case('deconv2d_dilate_groups', 'deconvolution_2d', dict(x=r(1, 4, 3, 3), W=r(4, 3, 2, 2), b=r(6)),
     dict(dilate=2, groups=2))
case('deconv3d', 'deconvolution_nd', dict(x=r(1, 2, 2, 3, 2), W=r(2, 3, 2, 2, 3), b=r(3)),
     dict(stride=(2, 1, 2), pad=(1, 0, 1)))
case('depthwise', 'depthwise_convolution_2d', dict(x=r(2, 3, 5, 5), W=r(2, 3, 3, 3), b=r(6)),
     dict(stride=2, pad=1))
case('dilated', 'dilated_convolution_2d', dict(x=r(1, 2, 7, 8), W=r(2, 2, 3, 3)),
     dict(dilate=2, pad=1))
# Chainer takes the output size from the offset's last axes (here wider than the conv's).
_off = rng.randint(-2, 3, (1, 12, 2, 5)) + rng.uniform(0.2, 0.8, (1, 12, 2, 5))
case('deformable', 'deformable_convolution_2d_sampler',
     dict(x=r(1, 2, 4, 5), offset=_off, W=r(3, 2, 3, 2), b=r(3)), dict(stride=(2, 1), pad=(1, 0)))
case('linear', 'linear', dict(x=r(3, 4), W=r(5, 4), b=r(5)))
case('linear_nd', 'linear', dict(x=r(2, 3, 2, 2), W=r(5, 4)), dict(n_batch_axes=2))
case('linear_flat', 'linear', dict(x=r(2, 3, 2), W=r(5, 6)))
case('embed_id', 'embed_id', dict(x=numpy.array([[0, 2, -1], [3, 3, 1]], 'i'), W=r(4, 3)),
     dict(ignore_label=-1), grads=['W'])
f = 'float32'  # Chainer's bilinear takes float32 only
case('bilinear_f32', 'bilinear', dict(e1=r(3, 2, dtype=f), e2=r(3, 4, dtype=f),
                                      W=r(2, 4, 5, dtype=f)))
case('bilinear_full_f32', 'bilinear', dict(e1=r(3, 2, dtype=f), e2=r(3, 4, dtype=f),
                                           W=r(2, 4, 5, dtype=f), V1=r(2, 5, dtype=f),
                                           V2=r(4, 5, dtype=f), b=r(5, dtype=f)))
case('shift', 'shift', dict(x=r(1, 10, 3, 4)))
case('shift_k5d2', 'shift', dict(x=r(1, 26, 3, 3)), dict(ksize=5, dilate=2))
case('local_conv', 'local_convolution_2d', dict(x=r(1, 3, 5, 6), W=r(2, 2, 2, 3, 3, 3),
                                                b=r(2, 2, 2)), dict(stride=2))
# pooling
case('max2d', 'max_pooling_2d', dict(x=perm(1, 3, 5, 6)), dict(ksize=3, stride=2, pad=1))
case('max2d_nocover', 'max_pooling_2d', dict(x=perm(1, 2, 7, 6)),
     dict(ksize=(3, 2), stride=2, cover_all=False))
case('max2d_indices', 'max_pooling_2d', dict(x=perm(1, 2, 5, 5)),
     dict(ksize=3, stride=2, pad=1, return_indices=True))
case('max3d', 'max_pooling_nd', dict(x=perm(1, 2, 4, 5, 3)), dict(ksize=2, stride=(2, 2, 1)))
case('avg2d', 'average_pooling_2d', dict(x=r(1, 3, 5, 6)), dict(ksize=3, stride=2, pad=1))
# Chainer's backward for pad_value=None depends on earlier calls (a bug): forward only.
case('avgnd_none', 'average_pooling_nd', dict(x=r(1, 2, 5, 6)),
     dict(ksize=3, stride=2, pad=1, pad_value=None), grads=[])
case('avg3d', 'average_pooling_nd', dict(x=r(1, 2, 4, 4, 5)), dict(ksize=2, pad=1))
case('unpool2d', 'unpooling_2d', dict(x=r(1, 2, 3, 3)), dict(ksize=3, stride=2))
case('unpool2d_nocover', 'unpooling_2d', dict(x=r(1, 2, 2, 3)),
     dict(ksize=2, stride=1, pad=1, cover_all=False))
case('unpool2d_outsize', 'unpooling_2d', dict(x=r(1, 1, 3, 3)), dict(ksize=2, outsize=(6, 5)))
case('unpool3d', 'unpooling_nd', dict(x=r(1, 2, 2, 3, 2)), dict(ksize=2))
xp_ = perm(1, 2, 6, 5)
_, idx = F.max_pooling_2d(xp_, 3, stride=2, pad=1, return_indices=True)
case('upsample2d', 'upsampling_2d', dict(x=r(1, 2, 4, 3), indexes=idx),
     dict(ksize=3, stride=2, pad=1, outsize=(6, 5)), grads=['x'])
case('spp', 'spatial_pyramid_pooling_2d', dict(x=perm(2, 3, 7, 5)),
     dict(pyramid_height=3, pooling='max'))
_r = numpy.random.RandomState(1)
_y1, _x1 = _r.uniform(-2, 9, 6), _r.uniform(-2, 8, 6)
_y2, _x2 = _y1 + _r.uniform(0, 9, 6), _x1 + _r.uniform(0, 8, 6)
_ri = _r.randint(0, 2, 6).astype('i')
case('roi_pool', 'roi_pooling_2d',
     dict(x=perm(2, 1, 9, 8), rois=numpy.stack([_ri, _x1, _y1, _x2, _y2], 1)),
     dict(outh=3, outw=2, spatial_scale=0.8), grads=['x'])
case('roi_max_pool', 'roi_max_pooling_2d',
     dict(x=perm(2, 1, 9, 8), rois=numpy.stack([_y1, _x1, _y2, _x2], 1), roi_indices=_ri),
     dict(outsize=(2, 3), spatial_scale=0.7), grads=['x'])
case('roi_avg_pool', 'roi_average_pooling_2d',
     dict(x=r(2, 1, 9, 8), rois=numpy.stack([_y1, _x1, _y2, _x2], 1), roi_indices=_ri),
     dict(outsize=3, spatial_scale=0.9), grads=['x'])
# Chainer's RoIAlign takes float32 only.
_rois_a = numpy.stack([_y1 - 2, _x1 - 2, _y2, _x2], 1).astype(f)
case('roi_avg_align_f32', 'roi_average_align_2d',
     dict(x=r(2, 1, 9, 8, dtype=f), rois=_rois_a, roi_indices=_ri),
     dict(outsize=(3, 2), spatial_scale=0.8), grads=['x'])
case('roi_avg_align_sr_f32', 'roi_average_align_2d',
     dict(x=r(2, 1, 9, 8, dtype=f), rois=_rois_a, roi_indices=_ri),
     dict(outsize=2, spatial_scale=1.1, sampling_ratio=(2, 3)), grads=['x'])
case('roi_max_align_f32', 'roi_max_align_2d',
     dict(x=r(2, 1, 9, 8, dtype=f), rois=_rois_a, roi_indices=_ri),
     dict(outsize=(2, 3), spatial_scale=0.9, sampling_ratio=2), grads=['x'])
# normalization
case('bn', 'batch_normalization', dict(x=r(5, 3, 2), gamma=r(3), beta=r(3)),
     dict(eps=1e-3, decay=0.8), kw_arrays=dict(running_mean=r(3), running_var=r(3) + 2))
case('bn_axis', 'batch_normalization', dict(x=r(4, 3, 2), gamma=r(2), beta=r(2)),
     dict(axis=(0, 1)))
case('bn_gamma2d', 'batch_normalization', dict(x=r(4, 3, 2, 2), gamma=r(3, 2), beta=r(3, 2)))
case('fixed_bn', 'fixed_batch_normalization', dict(x=r(4, 3, 2), gamma=r(3), beta=r(3),
                                                   mean=r(3), var=r(3) + 2))
case('brn', 'batch_renormalization', dict(x=r(6, 3), gamma=r(3), beta=r(3)),
     dict(rmax=1.1, dmax=0.1, update_statistics=True), grads=['x', 'gamma', 'beta'],
     kw_arrays=dict(running_mean=r(3) * 0.2, running_var=r(3) * 0.3 + 1))
case('layer_norm', 'layer_normalization', dict(x=r(4, 5), gamma=r(5), beta=r(5)))
case('group_norm', 'group_normalization', dict(x=r(2, 6, 3, 2), gamma=r(6), beta=r(6)),
     dict(groups=3))
case('lrn', 'local_response_normalization', dict(x=r(2, 7, 2, 3)),
     dict(n=3, k=1, alpha=0.5, beta=0.6))
case('lrn_even', 'local_response_normalization', dict(x=r(2, 6, 2)), dict(n=4, alpha=0.3))
case('normalize', 'normalize', dict(x=r(3, 4)))
case('dbn', 'decorrelated_batch_normalization', dict(x=r(5, 4, 2)),
     dict(groups=2, eps=1e-3, decay=0.7),
     kw_arrays=dict(running_mean=r(2, 2), running_projection=r(2, 2, 2)))
# Chainer's gradient for the projection fails (shape mismatch): statistics as constants.
case('fixed_dbn', 'fixed_decorrelated_batch_normalization', dict(x=r(3, 4, 2)), dict(groups=2),
     kw_arrays=dict(mean=r(2, 2), projection=r(2, 2, 2)))
case('normalize_axis', 'normalize', dict(x=r(2, 3, 4)), dict(axis=(1, 2), eps=1e-3))


def main(out):
    data = {}
    for name, fn, args, kwargs, kw_arrays, grads in CASES:
        vs = {k: chainer.Variable(v) if v.dtype.kind == 'f' else v for k, v in args.items()}
        kws = dict(kwargs)
        for k, v in kw_arrays.items():
            data['%s/in/%s' % (name, k)] = v.copy()
            kws[k] = v
        if fn == 'group_normalization':
            ys = F.group_normalization(vs['x'], kws.pop('groups'), vs['gamma'], vs['beta'], **kws)
        elif fn == 'spatial_pyramid_pooling_2d':
            ys = F.spatial_pyramid_pooling_2d(vs['x'], **kws)
        else:
            ys = getattr(F, fn)(*vs.values(), **kws)
        ys = ys if isinstance(ys, tuple) else (ys,)
        for i, y in enumerate(ys):
            data['%s/out/%d' % (name, i)] = getattr(y, 'array', y)
        gy = r(*ys[0].shape, dtype=ys[0].dtype)
        ys[0].grad = gy
        ys[0].backward()
        data['%s/gy' % name] = gy
        for k, v in args.items():
            data['%s/in/%s' % (name, k)] = v
        for k in grads:
            data['%s/grad/%s' % (name, k)] = vs[k].grad
        for k, v in kw_arrays.items():
            data['%s/after/%s' % (name, k)] = v
        data['%s/params' % name] = numpy.array(json.dumps(dict(
            fn=fn, args=list(args), kwargs=kwargs, arrays_in_kwargs=list(kw_arrays),
            grads=grads)))
    numpy.savez_compressed(out, **data)


if __name__ == '__main__':
    main(sys.argv[1])
