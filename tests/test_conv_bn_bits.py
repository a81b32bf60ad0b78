"""A convolution followed by batch normalization gives Chainer 7.8.1's float32 bits, in
training and test mode (goldens: tools/goldens/conv_bn_bits.py): the convolution multiplies
in Chainer's order and hands on Chainer's memory layout, which the statistics' sums follow."""
import numpy
import pytest

import chainlite

import golden_scripts

G = golden_scripts.script('conv_bn_bits')
DATA = golden_scripts.data('conv_bn_bits')


@pytest.mark.parametrize('mode', ['train', 'test'])
def test_conv_then_batch_normalization_equal_chainer_bit_for_bit(mode):
    y, gx, grads = G.run(chainlite, mode == 'train')
    numpy.testing.assert_array_equal(y, DATA[mode + '/y'])
    numpy.testing.assert_array_equal(gx, DATA[mode + '/gx'])
    for path, g in grads.items():
        numpy.testing.assert_array_equal(g, DATA['%s/g%s' % (mode, path)], err_msg=path)
