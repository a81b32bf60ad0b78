"""chainlite.functions: activation operations."""
from chainlite.functions.activation.clipped_relu import clipped_relu, relu6
from chainlite.functions.activation.crelu import crelu
from chainlite.functions.activation.elu import elu, selu
from chainlite.functions.activation.gelu import gelu
from chainlite.functions.activation.hard_sigmoid import hard_sigmoid
from chainlite.functions.activation.leaky_relu import leaky_relu
from chainlite.functions.activation.log_softmax import log_softmax
from chainlite.functions.activation.maxout import maxout
from chainlite.functions.activation.prelu import prelu
from chainlite.functions.activation.relu import relu
from chainlite.functions.activation.rrelu import rrelu
from chainlite.functions.activation.sigmoid import sigmoid
from chainlite.functions.activation.softmax import softmax
from chainlite.functions.activation.softplus import softplus
from chainlite.functions.activation.swish import swish
from chainlite.functions.activation.tanh import tanh

__all__ = ['clipped_relu', 'crelu', 'elu', 'gelu', 'hard_sigmoid', 'leaky_relu', 'log_softmax',
           'maxout', 'prelu', 'relu', 'relu6', 'rrelu', 'selu', 'sigmoid', 'softmax', 'softplus',
           'swish', 'tanh']
