"""Differentiable operations, with Chainer's names (``import chainlite.functions as F``).

>>> import numpy, chainlite.functions as F
>>> F.sum(numpy.arange(3.0)).array
array(3.)
"""
from chainlite.functions.activation import *  # NOQA
from chainlite.functions.array import *  # NOQA
from chainlite.functions.attention import *  # NOQA
from chainlite.functions.connection import *  # NOQA
from chainlite.functions.evaluation import *  # NOQA
from chainlite.functions.loss import *  # NOQA
from chainlite.functions.math import *  # NOQA
from chainlite.functions.noise import *  # NOQA
from chainlite.functions.normalization import *  # NOQA
from chainlite.functions.pooling import *  # NOQA
from chainlite.functions.rnn import *  # NOQA

from chainlite.utils import not_provided as _not_provided  # NOQA: E402

__getattr__ = _not_provided('chainer.functions')
