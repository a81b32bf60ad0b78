"""Golden values of Chainer 7.8.1 from a differential probe of the spatial, pooling and array
functions (tests/test_parity_spatial_probe.py): outputs and input gradients of ROI pooling
and RoIAlign, spatial pyramid pooling, the spatial transformer, resize_images, im2col,
depth2space/space2depth, local and deformable convolution, (un/up)pooling with their
options, grouped and dilated (de)convolution in float16/float64, and the array functions
with edge axes; and the exception class of bad calls.

Runs in the reference environment: python parity_spatial_probe.py OUT.npz
The tests import CASES and ERRORS and make the same calls with chainlite.

Keys, for each case of CASES (whose inputs ``inputs`` and upstream gradients ``run`` draw
from seeded RandomStates, so they are not stored):
  y/<case>/<j>     the outputs           gx/<case>/<i>    the input gradients (absent
                                                          where Chainer gives None)
and err/<case> (the exception class name) for each bad call of ERRORS.
"""
import sys

import numpy

import _probes

_ROIS = numpy.array([[1.3, 0.6, 6.7, 5.2], [0.0, 0.0, 7.9, 7.9], [2.5, 3.1, 3.6, 4.0],
                     [-1.0, 5.5, 9.2, 8.7]], numpy.float32)
_IDX = numpy.array([0, 1, 0, 1], numpy.int32)
_ROIS5 = numpy.concatenate([_IDX[:, None].astype(numpy.float32), _ROIS[:, [1, 0, 3, 2]]], 1)
_PERM = numpy.array([2, 0, 1], numpy.int32)


def _upsampling(F, x):
    """upsampling_2d with the indexes of a max pooling of the same values."""
    indexes = F.max_pooling_2d(x.array, 2, return_indices=True)[1]
    return F.upsampling_2d(F.max_pooling_2d(x, 2), indexes, 2, outsize=(5, 6))


# name -> (function of (F, *inputs), input shapes, dtype)
CASES = {
    'roi_pooling': (lambda F, x: F.roi_pooling_2d(x, _ROIS5, 3, 2, 0.8), [(2, 3, 8, 9)], 'f'),
    'roi_max_pooling': (lambda F, x: F.roi_max_pooling_2d(x, _ROIS, _IDX, (3, 2), 0.8),
                        [(2, 3, 8, 9)], 'f'),
    'roi_average_pooling': (lambda F, x: F.roi_average_pooling_2d(x, _ROIS, _IDX, (3, 2), 0.8),
                            [(2, 3, 8, 9)], 'f'),
    'roi_average_align': (lambda F, x: F.roi_average_align_2d(x, _ROIS, _IDX, (3, 2), 0.8, 2),
                          [(2, 3, 8, 9)], 'f'),
    'roi_average_align_auto': (lambda F, x: F.roi_average_align_2d(x, _ROIS, _IDX, 3, 1.1),
                               [(2, 3, 8, 9)], 'f'),
    'roi_average_align_pair': (
        lambda F, x: F.roi_average_align_2d(x, _ROIS, _IDX, (2, 3), 0.5, (1, 3)),
        [(2, 3, 8, 9)], 'f'),
    'roi_average_align_none': (
        lambda F, x: F.roi_average_align_2d(x, _ROIS, _IDX, 2, 0.9, (2, None)),
        [(2, 3, 8, 9)], 'f'),
    'roi_max_align': (lambda F, x: F.roi_max_align_2d(x, _ROIS, _IDX, (3, 2), 0.8, 2),
                      [(2, 3, 8, 9)], 'f'),
    'roi_max_align_auto': (lambda F, x: F.roi_max_align_2d(x, _ROIS, _IDX, 3, 1.1),
                           [(2, 3, 8, 9)], 'f'),
    'spp_max': (lambda F, x: F.spatial_pyramid_pooling_2d(x, 3, 'max'), [(2, 3, 9, 7)], 'd'),
    'st_grid': (lambda F, t: F.spatial_transformer_grid(t, (4, 5)), [(2, 2, 3)], 'd'),
    'st_sampler': (lambda F, x, g: F.spatial_transformer_sampler(x, g * 1.3),
                   [(2, 3, 5, 6), (2, 2, 4, 3)], 'd'),
    'resize': (lambda F, x: F.resize_images(x, (7, 4)), [(2, 3, 5, 6)], 'f'),
    'resize_no_align': (lambda F, x: F.resize_images(x, (7, 4), align_corners=False),
                        [(2, 3, 5, 6)], 'f'),
    'resize_nearest': (lambda F, x: F.resize_images(x, (7, 4), mode='nearest'),
                       [(2, 3, 5, 6)], 'f'),
    'resize_nearest_no_align': (
        lambda F, x: F.resize_images(x, (11, 3), mode='nearest', align_corners=False),
        [(2, 3, 5, 6)], 'f'),
    'resize_from_1': (lambda F, x: F.resize_images(x, (3, 2)), [(1, 2, 1, 1)], 'f'),
    'resize_to_1': (lambda F, x: F.resize_images(x, (1, 1)), [(1, 2, 4, 3)], 'f'),
    'im2col_all': (lambda F, x: F.im2col(x, (2, 3), stride=(2, 1), pad=(1, 2), cover_all=True,
                                         dilate=(2, 1)), [(2, 2, 6, 7)], 'd'),
    'depth2space': (lambda F, x: F.depth2space(x, 2), [(2, 8, 3, 2)], 'd'),
    'space2depth': (lambda F, x: F.space2depth(x, 2), [(2, 2, 6, 4)], 'd'),
    'local_convolution': (lambda F, x, W, b: F.local_convolution_2d(x, W, b),
                          [(2, 3, 5, 4), (2, 4, 3, 3, 2, 2), (2, 4, 3)], 'd'),
    'local_convolution_stride': (lambda F, x, W: F.local_convolution_2d(x, W, stride=2),
                                 [(2, 3, 5, 5), (2, 2, 2, 3, 2, 2)], 'd'),
    'deformable': (lambda F, x, o, W, b: F.deformable_convolution_2d_sampler(
        x, o * 1.7, W, b, pad=1), [(2, 3, 5, 4), (2, 18, 5, 4), (2, 3, 3, 3), (2,)], 'd'),
    'deformable_stride': (lambda F, x, o, W: F.deformable_convolution_2d_sampler(
        x, o * 2.3, W, stride=2), [(1, 2, 6, 5), (1, 8, 3, 2), (3, 2, 2, 2)], 'd'),
    'upsampling': (_upsampling, [(2, 3, 5, 6)], 'd'),
    'unpooling_no_cover': (lambda F, x: F.unpooling_2d(x, 3, stride=2, cover_all=False),
                           [(2, 3, 3, 2)], 'd'),
    'unpooling_outsize': (lambda F, x: F.unpooling_2d(x, 3, stride=2, pad=1, outsize=(5, 3)),
                          [(2, 3, 3, 2)], 'd'),
    'unpooling_nd': (lambda F, x: F.unpooling_nd(x, 2, stride=(2, 1, 2), pad=(0, 1, 0),
                                                 cover_all=False), [(1, 2, 3, 2, 2)], 'd'),
    'unpooling_nd_outsize': (lambda F, x: F.unpooling_nd(x, 3, 2, outsize=(6, 4, 5)),
                             [(1, 2, 3, 2, 2)], 'd'),
    'max_pooling_indices': (lambda F, x: F.max_pooling_2d(x, 3, 2, 1, return_indices=True),
                            [(2, 3, 7, 6)], 'd'),
    'max_pooling_nd_indices': (lambda F, x: F.max_pooling_nd(x, 2, return_indices=True),
                               [(1, 2, 5, 4, 5)], 'd'),
    'average_pooling_nd_pad_none': (lambda F, x: F.average_pooling_nd(x, 3, 2, 1,
                                                                      pad_value=None),
                                    [(1, 2, 5, 4, 5)], 'd'),
    'average_pooling_1d': (lambda F, x: F.average_pooling_1d(x, 3, 2, 1, pad_value=None),
                           [(2, 2, 7)], 'd'),
    'conv_groups_dilate_f16': (lambda F, x, W, b: F.convolution_2d(
        x, W, b, stride=2, pad=1, cover_all=True, dilate=2, groups=2),
        [(2, 4, 7, 6), (6, 2, 3, 2), (6,)], 'e'),
    'conv_groups_dilate_f64': (lambda F, x, W, b: F.convolution_2d(
        x, W, b, stride=2, pad=1, cover_all=True, dilate=2, groups=2),
        [(2, 4, 7, 6), (6, 2, 3, 2), (6,)], 'd'),
    'conv_nd_groups_dilate_f64': (lambda F, x, W: F.convolution_nd(
        x, W, stride=(2, 1, 2), pad=1, cover_all=True, dilate=(1, 2, 1), groups=2),
        [(1, 4, 5, 6, 4), (4, 2, 2, 3, 2)], 'd'),
    'deconv_groups_dilate_f16': (lambda F, x, W, b: F.deconvolution_2d(
        x, W, b, stride=2, pad=1, dilate=2, groups=2), [(2, 4, 3, 4), (4, 3, 3, 2), (6,)], 'e'),
    'deconv_groups_dilate_f64': (lambda F, x, W, b: F.deconvolution_2d(
        x, W, b, stride=2, pad=1, dilate=2, groups=2), [(2, 4, 3, 4), (4, 3, 3, 2), (6,)], 'd'),
    'deconv_nd_groups_f64': (lambda F, x, W: F.deconvolution_nd(
        x, W, stride=2, pad=(1, 0, 1), dilate=(2, 1, 1), groups=4),
        [(1, 4, 3, 2, 3), (4, 1, 2, 3, 2)], 'd'),
    'scatter_add': (lambda F, a, b: F.scatter_add(a, numpy.array([0, 2, 0, 3, 2]), b),
                    [(4, 3), (5, 3)], 'd'),
    'scatter_add_tuple': (lambda F, a, b: F.scatter_add(a, (slice(1, 3), [0, 2]), b),
                          [(4, 3), (2, 2)], 'd'),
    'permutate_inv': (lambda F, a: F.permutate(a, _PERM, axis=1, inv=True), [(4, 3)], 'd'),
    'pad_constant': (lambda F, a: F.pad(a, ((1, 2), (2, 1)), 'constant', constant_values=2.5),
                     [(3, 4)], 'd'),
    'tile': (lambda F, a: F.tile(a, (2, 1, 3)), [(2, 3)], 'd'),
    'tile_0d': (lambda F, a: F.tile(a, (2, 3)), [()], 'd'),
    'repeat_axis': (lambda F, a: F.repeat(a, (1, 0, 3), axis=1), [(2, 3)], 'd'),
    'repeat_0d': (lambda F, a: F.repeat(a, 3), [()], 'd'),
    'broadcast_to': (lambda F, a: F.broadcast_to(a, (2, 3, 4)), [(3, 1)], 'd'),
    'diagonal': (lambda F, a: F.diagonal(a, -1, 2, 0), [(3, 4, 5)], 'd'),
    'flip': (lambda F, a: F.flip(a, -1), [(3, 4)], 'd'),
    'rollaxis': (lambda F, a: F.rollaxis(a, -1, -3), [(2, 3, 4, 5)], 'd'),
    'swapaxes': (lambda F, a: F.swapaxes(a, -1, 0), [(2, 3, 4)], 'd'),
    'squeeze_tuple': (lambda F, a: F.squeeze(a, (0, -2)), [(1, 3, 1, 2)], 'd'),
    'squeeze_to_0d': (lambda F, a: F.squeeze(a), [(1, 1)], 'd'),
    'separate': (lambda F, a: F.separate(a, -1), [(2, 3, 4)], 'd'),
    'stack_last': (lambda F, a, b: F.stack([a, b], -1), [(2, 3), (2, 3)], 'd'),
    'stack_0d': (lambda F, a, b: F.stack([a, b]), [(), ()], 'd'),
    'concat_empty_part': (lambda F, a, b: F.concat((a, b), -1), [(2, 3), (2, 0)], 'd'),
}

_A = numpy.ones((2, 3), numpy.float32)
_X3 = numpy.ones((2, 3, 4), numpy.float32)
_X4 = numpy.ones((1, 2, 4, 4), numpy.float32)
_R = numpy.array([[1, 1, 2, 3]], numpy.float32)
_I = numpy.zeros(1, numpy.int32)
# name -> a bad call of F
ERRORS = {
    'roi_align_sampling_ratio_0': lambda F: F.roi_average_align_2d(_X4, _R, _I, 2, 1.0, 0),
    'roi_align_sampling_ratio_negative': lambda F: F.roi_max_align_2d(_X4, _R, _I, 2, 1.0, -2),
    'roi_align_sampling_ratio_float': lambda F: F.roi_average_align_2d(_X4, _R, _I, 2, 1.0, 1.5),
    'roi_align_sampling_ratio_pair': lambda F: F.roi_average_align_2d(_X4, _R, _I, 2, 1.0,
                                                                      (1, 0)),
    'roi_align_spatial_scale_0': lambda F: F.roi_max_align_2d(_X4, _R, _I, 2, 0.0),
    'roi_align_outsize_0': lambda F: F.roi_max_align_2d(_X4, _R, _I, (0, 2), 1.0),
    'roi_align_outsize_float': lambda F: F.roi_average_align_2d(_X4, _R, _I, 2.0, 1.0),
    'roi_pooling_spatial_scale_negative': lambda F: F.roi_max_pooling_2d(_X4, _R, _I, 2, -1.0),
    'roi_pooling_outsize_0': lambda F: F.roi_average_pooling_2d(_X4, _R, _I, (2, 0), 1.0),
    'spp_default_pooling': lambda F: F.spatial_pyramid_pooling_2d(_X4, 2),
    'spp_average': lambda F: F.spatial_pyramid_pooling_2d(_X4, 2, 'average'),
    'average_pooling_2d_3d': lambda F: F.average_pooling_2d(_X3, 2),
    'unpooling_2d_3d': lambda F: F.unpooling_2d(_X3, 2),
    'upsampling_2d_3d': lambda F: F.upsampling_2d(_X3, numpy.zeros(_X3.shape, numpy.int32), 2),
    'upsampling_2d_float_indexes': lambda F: F.upsampling_2d(_X4, numpy.zeros(_X4.shape, 'f'), 2),
    'resize_images_3d': lambda F: F.resize_images(_X3, (3, 3)),
    'resize_images_int': lambda F: F.resize_images(_X4.astype(numpy.int32), (3, 3)),
    'depth2space_3d': lambda F: F.depth2space(_X3, 2),
    'space2depth_3d': lambda F: F.space2depth(_X3, 2),
    'st_grid_shape': lambda F: F.spatial_transformer_grid(numpy.ones((1, 3, 3), 'f'), (2, 2)),
    'st_sampler_grid': lambda F: F.spatial_transformer_sampler(_X4, numpy.ones((1, 3, 2, 2),
                                                                               'f')),
    'st_sampler_batch': lambda F: F.spatial_transformer_sampler(_X4, numpy.ones((2, 2, 2, 2),
                                                                                'f')),
    'concat_axis': lambda F: F.concat([_A, _A], 2),
    'concat_negative_axis': lambda F: F.concat([_A, _A], -3),
    'stack_axis': lambda F: F.stack([_A, _A], 3),
    'stack_negative_axis': lambda F: F.stack([_A, _A], -4),
    'flip_axis': lambda F: F.flip(_A, 2),
    'diagonal_axis': lambda F: F.diagonal(_A, 0, 0, 2),
    'rollaxis_axis': lambda F: F.rollaxis(_A, -3),
    'rollaxis_start': lambda F: F.rollaxis(_A, 0, 3),
    'separate_axis': lambda F: F.separate(_A, 2),
    'squeeze_axis': lambda F: F.squeeze(_A[None], (0, 5)),
    'expand_dims_axis': lambda F: F.expand_dims(_A, 4),
    'split_axis_axis': lambda F: F.split_axis(_A, 1, axis=3),
    'moveaxis_axis': lambda F: F.moveaxis(_A, 0, 3),
    'permutate_axis': lambda F: F.permutate(_A, numpy.array([0, 1], numpy.int32), axis=3),
}


def inputs(name):
    """The inputs of case ``name``, uniform in [-1, 1)."""
    _, shapes, dtype = CASES[name]
    r = numpy.random.RandomState(sorted(CASES).index(name))
    return [numpy.asarray(r.uniform(-1, 1, s)).astype(dtype) for s in shapes]


def run(chainer, name, xs):
    """Outputs, upstream gradients and input gradients of case ``name``."""
    f = CASES[name][0]
    r = numpy.random.RandomState(100)
    vs = [chainer.Variable(x) for x in xs]
    ys = f(chainer.functions, *vs)
    ys = list(ys) if isinstance(ys, (tuple, list)) else [ys]
    floats = [y for y in ys if isinstance(y, chainer.Variable)]
    gys = [r.uniform(-1, 1, y.shape).astype(y.dtype) for y in floats]
    gxs = chainer.grad(floats, vs, grad_outputs=[chainer.Variable(g) for g in gys])
    out = {}
    out.update(('y/%d' % j, numpy.asarray(getattr(y, 'array', y))) for j, y in enumerate(ys))
    out.update(('gy/%d' % j, g) for j, g in enumerate(gys))
    out.update(('gx/%d' % i, g.array) for i, g in enumerate(gxs) if g is not None)
    return out


def main(out):
    numpy.float = float  # Chainer 7.8.1's resize_images uses the alias NumPy 1.24 removed
    import chainer
    data = {}
    for name in sorted(CASES):
        for key, value in run(chainer, name, inputs(name)).items():
            head, index = key.split('/')
            if head != 'gy':
                data['%s/%s/%s' % (head, name, index)] = value
    data.update(_probes.raised(chainer.functions, ERRORS))
    numpy.savez_compressed(out, **data)


if __name__ == '__main__':
    main(sys.argv[1])
