"""chainlite.functions: connection operations (linear, convolutions, embeddings)."""
from chainlite.functions.connection.bilinear import bilinear
from chainlite.functions.connection.convolution import (convolution_1d, convolution_2d,
                                                        convolution_3d, convolution_nd,
                                                        dilated_convolution_2d)
from chainlite.functions.connection.deconvolution import (deconvolution_1d, deconvolution_2d,
                                                          deconvolution_3d, deconvolution_nd)
from chainlite.functions.connection.depthwise_convolution_2d import depthwise_convolution_2d
from chainlite.functions.connection.embed_id import embed_id
from chainlite.functions.connection.linear import linear
from chainlite.functions.connection.local_convolution_2d import local_convolution_2d
from chainlite.functions.connection.shift import shift

__all__ = ['bilinear', 'convolution_1d', 'convolution_2d', 'convolution_3d', 'convolution_nd',
           'deconvolution_1d', 'deconvolution_2d', 'deconvolution_3d', 'deconvolution_nd',
           'depthwise_convolution_2d', 'dilated_convolution_2d', 'embed_id', 'linear',
           'local_convolution_2d', 'shift']
