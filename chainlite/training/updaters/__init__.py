"""Updaters (``chainer.training.updaters``)."""
from chainlite.training.updater import StandardUpdater, Updater  # NOQA
