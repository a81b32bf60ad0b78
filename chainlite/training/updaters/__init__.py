"""Updaters (``chainer.training.updaters``)."""
from chainlite.training.updater import StandardUpdater, Updater  # NOQA

from chainlite.utils import not_provided as _not_provided  # NOQA: E402

__getattr__ = _not_provided('chainer.training.updaters')
