"""Training loop: Trainer, updaters, triggers and extensions (``chainer.training``)."""
from chainlite.training import extension  # NOQA
from chainlite.training import extensions  # NOQA
from chainlite.training import trigger  # NOQA
from chainlite.training import triggers  # NOQA
from chainlite.training import updater  # NOQA
from chainlite.training import updaters  # NOQA
from chainlite.training.extension import (Extension, make_extension, PRIORITY_EDITOR,  # NOQA
                                          PRIORITY_READER, PRIORITY_WRITER)
from chainlite.training.trainer import Trainer  # NOQA
from chainlite.training.triggers import get_trigger, IntervalTrigger  # NOQA
from chainlite.training.updater import StandardUpdater, Updater  # NOQA

from chainlite.utils import not_provided as _not_provided  # NOQA: E402

__getattr__ = _not_provided('chainer.training')
