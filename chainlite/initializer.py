"""``chainer.initializer``: the Initializer base class and ``get_fans``, for old code."""
from chainlite.initializers import Initializer, get_fans  # NOQA
