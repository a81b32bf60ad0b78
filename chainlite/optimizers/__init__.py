"""Chainer's optimizers, plus L-BFGS (chainlite).

>>> import chainlite.optimizers
>>> sorted(chainlite.optimizers.__all__)[:3]
['AMSBound', 'AMSGrad', 'AdaBound']
"""
from chainlite.optimizers.ada_delta import AdaDelta
from chainlite.optimizers.ada_grad import AdaGrad
from chainlite.optimizers.adam import AdaBound, Adam, AdamW, AMSBound, AMSGrad
from chainlite.optimizers.lbfgs import LBFGS
from chainlite.optimizers.corrected_momentum_sgd import CorrectedMomentumSGD
from chainlite.optimizers.momentum_sgd import MomentumSGD
from chainlite.optimizers.msvag import MSVAG
from chainlite.optimizers.nesterov_ag import NesterovAG
from chainlite.optimizers.rmsprop import RMSprop
from chainlite.optimizers.rmsprop_graves import RMSpropGraves
from chainlite.optimizers.sgd import SGD
from chainlite.optimizers.smorms3 import SMORMS3

__all__ = ['AMSBound', 'AMSGrad', 'AdaBound', 'AdaDelta', 'AdaGrad', 'Adam', 'AdamW',
           'CorrectedMomentumSGD', 'LBFGS', 'MSVAG', 'MomentumSGD', 'NesterovAG', 'RMSprop',
           'RMSpropGraves', 'SGD', 'SMORMS3']

from chainlite.utils import not_provided as _not_provided  # NOQA: E402

__getattr__ = _not_provided('chainer.optimizers')
