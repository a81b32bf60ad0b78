"""Initializers: callables that fill a parameter array in place.

Chainer's initializers with Chainer's defaults and random draws: after
``numpy.random.seed(s)`` each one draws exactly the values Chainer 7.8.1 draws.
An initializer is called on an array (Chainer style), or made into a new array
with :func:`generate_array`:

>>> import numpy
>>> from chainlite import initializers as I
>>> W = numpy.empty((3, 2), numpy.float32)
>>> I.GlorotUniform()(W)
>>> b = I.generate_array(I.Constant(0.1), (3,), numpy)
>>> b.tolist() == [numpy.float32(0.1)] * 3
True

For model functions, MATLAB's initializers are one line each (``xp`` is
``numpy`` or ``cupy``; weights are ``(out, in)`` or ``(out, in, kh, kw)``):

=============================  ==================================================
MATLAB                         chainlite
=============================  ==================================================
``initializeGlorot``           ``generate_array(GlorotUniform(), shape, xp)``
``initializeHe``               ``generate_array(HeNormal(), shape, xp)``
``initializeGaussian`` (0.01)  ``generate_array(Normal(0.01), shape, xp)``
``initializeUniform``          ``generate_array(Uniform(bound), shape, xp)``
``initializeOrthogonal``       ``generate_array(Orthogonal(1.0), shape, xp)``
``initializeUnitForgetGate``   ``generate_array(UnitForgetGate(), 4 * units, xp)``
``initializeZeros``/``Ones``   ``generate_array(Zero(), shape, xp)`` / ``One()``
=============================  ==================================================

>>> W = I.generate_array(I.HeNormal(), (16, 8), numpy)
>>> b = I.generate_array(I.UnitForgetGate(), 4 * 3, numpy)
>>> b.reshape(3, 4)[:, 2].tolist()
[1.0, 1.0, 1.0]
"""
from chainlite.initializers._base import FanScaled  # NOQA
from chainlite.initializers._base import get_default_dtype  # NOQA
from chainlite.initializers._base import get_fans  # NOQA
from chainlite.initializers._base import Initializer  # NOQA
from chainlite.initializers._base import RandomInitializer  # NOQA
from chainlite.initializers._generate import _get_initializer  # NOQA
from chainlite.initializers._generate import generate_array  # NOQA
from chainlite.initializers.constant import Constant  # NOQA
from chainlite.initializers.constant import Identity  # NOQA
from chainlite.initializers.constant import NaN  # NOQA
from chainlite.initializers.constant import One  # NOQA
from chainlite.initializers.constant import Zero  # NOQA
from chainlite.initializers.normal import GlorotNormal  # NOQA
from chainlite.initializers.normal import HeNormal  # NOQA
from chainlite.initializers.normal import LeCunNormal  # NOQA
from chainlite.initializers.normal import Normal  # NOQA
from chainlite.initializers.orthogonal import Orthogonal  # NOQA
from chainlite.initializers.recurrent import UnitForgetGate  # NOQA
from chainlite.initializers.sampling import DownsamplingConvFilter  # NOQA
from chainlite.initializers.sampling import UpsamplingDeconvFilter  # NOQA
from chainlite.initializers.uniform import GlorotUniform  # NOQA
from chainlite.initializers.uniform import HeUniform  # NOQA
from chainlite.initializers.uniform import LeCunUniform  # NOQA
from chainlite.initializers.uniform import Uniform  # NOQA

__all__ = [
    'Initializer', 'RandomInitializer', 'FanScaled', 'get_fans', 'generate_array',
    'Constant', 'Zero', 'One', 'NaN', 'Identity',
    'Normal', 'LeCunNormal', 'GlorotNormal', 'HeNormal',
    'Uniform', 'LeCunUniform', 'GlorotUniform', 'HeUniform',
    'Orthogonal', 'UnitForgetGate', 'UpsamplingDeconvFilter', 'DownsamplingConvFilter',
]

from chainlite.utils import not_provided as _not_provided  # NOQA: E402

__getattr__ = _not_provided('chainer.initializers')
