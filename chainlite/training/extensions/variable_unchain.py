"""Frees the computational graphs behind reported values."""
from chainlite.training import extension


class unchain_variables(extension.Extension):  # NOQA  (Chainer's lowercase class name)
    """Calls ``unchain_backward()`` on every Variable in the observation, after all other
    extensions ran, so graphs kept for reporting are released each iteration.

    >>> unchain_variables().priority
    0
    """

    priority = 0

    def __call__(self, trainer):
        for value in trainer.observation.values():
            if hasattr(value, 'unchain_backward'):
                value.unchain_backward()
