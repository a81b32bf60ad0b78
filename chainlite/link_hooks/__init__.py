"""Link hooks (Chainer's ``chainer.link_hooks``): SpectralNormalization,
WeightStandardization and TimerHook. Attach one with ``link.add_hook(hook)``."""
from chainlite.link_hooks import spectral_normalization  # NOQA
from chainlite.link_hooks import timer  # NOQA
from chainlite.link_hooks import weight_standardization  # NOQA
from chainlite.link_hooks.spectral_normalization import SpectralNormalization  # NOQA
from chainlite.link_hooks.timer import TimerHook  # NOQA
from chainlite.link_hooks.weight_standardization import WeightStandardization  # NOQA
