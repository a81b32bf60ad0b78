"""chainlite.links: layers with parameters, with Chainer's names, signatures and defaults.

Given ``numpy.random.seed(s)``, constructing a link draws exactly the values
Chainer 7.8.1 draws.

>>> import numpy, chainlite, chainlite.links as L
>>> model = chainlite.Sequential(L.Linear(4), L.BatchNormalization(4), L.Linear(2))
>>> model(numpy.ones((3, 5), numpy.float32)).shape
(3, 2)
"""
from chainlite.links.activation.maxout import Maxout  # NOQA
from chainlite.links.activation.prelu import PReLU  # NOQA
from chainlite.links.activation.simplified_dropconnect import SimplifiedDropconnect  # NOQA
from chainlite.links.activation.swish import Swish  # NOQA
from chainlite.links.connection.bias import Bias  # NOQA
from chainlite.links.connection.bilinear import Bilinear  # NOQA
from chainlite.links.connection.convolution_2d import Convolution2D  # NOQA
from chainlite.links.connection.deformable_convolution_2d import DeformableConvolution2D  # NOQA
from chainlite.links.connection.convolution_nd import Convolution1D  # NOQA
from chainlite.links.connection.convolution_nd import Convolution3D  # NOQA
from chainlite.links.connection.convolution_nd import ConvolutionND  # NOQA
from chainlite.links.connection.deconvolution_2d import Deconvolution2D  # NOQA
from chainlite.links.connection.deconvolution_nd import Deconvolution1D  # NOQA
from chainlite.links.connection.deconvolution_nd import Deconvolution3D  # NOQA
from chainlite.links.connection.deconvolution_nd import DeconvolutionND  # NOQA
from chainlite.links.connection.depthwise_convolution_2d import DepthwiseConvolution2D  # NOQA
from chainlite.links.connection.dilated_convolution_2d import DilatedConvolution2D  # NOQA
from chainlite.links.connection.embed_id import EmbedID  # NOQA
from chainlite.links.connection.highway import Highway  # NOQA
from chainlite.links.connection.inception import Inception  # NOQA
from chainlite.links.connection.inceptionbn import InceptionBN  # NOQA
from chainlite.links.connection.linear import Linear  # NOQA
from chainlite.links.connection.local_convolution_2d import LocalConvolution2D  # NOQA
from chainlite.links.connection.mlp_convolution_2d import MLPConvolution2D  # NOQA
from chainlite.links.connection.parameter import Parameter  # NOQA
from chainlite.links.connection.scale import Scale  # NOQA
from chainlite.links.loss.black_out import BlackOut  # NOQA
from chainlite.links.loss.crf1d import CRF1d  # NOQA
from chainlite.links.loss.hierarchical_softmax import BinaryHierarchicalSoftmax  # NOQA
from chainlite.links.loss.negative_sampling import NegativeSampling  # NOQA
from chainlite.links.model.classifier import Classifier  # NOQA
from chainlite.links.normalization.batch_normalization import BatchNormalization  # NOQA
from chainlite.links.normalization.batch_renormalization import BatchRenormalization  # NOQA
from chainlite.links.normalization.decorrelated_batch_normalization import (  # NOQA
    DecorrelatedBatchNormalization)
from chainlite.links.normalization.group_normalization import GroupNormalization  # NOQA
from chainlite.links.normalization.layer_normalization import LayerNormalization  # NOQA

# --- recurrent links (owned by the rnn helper: add its import line(s) below) ---
from chainlite.links.rnn import *  # NOQA
# --- end of recurrent links ---

from chainlite.utils import not_provided as _not_provided  # NOQA: E402

__getattr__ = _not_provided('chainer.links')
