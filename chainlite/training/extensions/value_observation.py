"""observe_value / observe_lr: report a value computed from the trainer."""
from chainlite.training import extension


def observe_value(observation_key, target_func):
    """Returns an extension reporting ``target_func(trainer)`` as ``observation_key``.

    >>> observe_value('x', lambda t: 1).default_name
    '_observe_value'
    """
    @extension.make_extension(trigger=(1, 'epoch'), priority=extension.PRIORITY_WRITER)
    def _observe_value(trainer):
        trainer.observation[observation_key] = target_func(trainer)
    return _observe_value


def observe_lr(optimizer_name='main', observation_key='lr'):
    """Returns an extension reporting the optimizer's learning rate (``lr``)."""
    return observe_value(observation_key,
                         lambda trainer: trainer.updater.get_optimizer(optimizer_name).lr)
