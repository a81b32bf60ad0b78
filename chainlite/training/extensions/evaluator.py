"""Evaluator: runs a model over a validation iterator and reports mean values.

>>> from chainlite.training import extensions
>>> extensions.Evaluator.default_name
'validation'
"""
import copy
import warnings

from chainlite import reporter as reporter_module
from chainlite.configuration import no_backprop_mode, using_config
from chainlite.dataset import convert
from chainlite.training import extension


class Evaluator(extension.Extension):
    """Evaluates ``target`` on ``iterator`` with ``config.train = False`` and no graph.

    Reported values are averaged over the batches and stored as
    ``validation/main/loss`` etc. The iterator should not repeat; one that
    does (``repeat=True``) is swept for one epoch (its last batch may wrap
    around), with a warning when the Evaluator is made, instead of forever.
    """

    trigger = 1, 'epoch'
    default_name = 'validation'
    priority = extension.PRIORITY_WRITER
    name = None

    def __init__(self, iterator, target, converter=convert.concat_examples, device=None,
                 eval_hook=None, eval_func=None, *, progress_bar=False):
        if not isinstance(iterator, dict):
            iterator = {'main': iterator}
        if not isinstance(target, dict):
            target = {'main': target}
        for key, it in iterator.items():
            if getattr(it, 'repeat', False):
                warnings.warn('Evaluator: the iterator %r repeats (repeat=True); it is '
                              'evaluated for one epoch only. Make it with repeat=False.' % key)
        self._iterators = iterator
        self._targets = target
        self.converter = converter
        self.device = convert._get_device_or_none(device)
        self.eval_hook = eval_hook
        self.eval_func = eval_func
        self._progress_bar = progress_bar

    def get_iterator(self, name):
        return self._iterators[name]

    def get_all_iterators(self):
        return dict(self._iterators)

    def get_target(self, name):
        return self._targets[name]

    def get_all_targets(self):
        return dict(self._targets)

    def __call__(self, trainer=None):
        reporter = reporter_module.Reporter()
        prefix = self.name + '/' if self.name else ''
        for name, target in self._targets.items():
            reporter.add_observer(prefix + name, target)
            reporter.add_observers(prefix + name, target.namedlinks(skipself=True))
        with reporter:
            with using_config('train', False):
                result = self.evaluate()
        reporter_module.report(result)
        return result

    def evaluate(self):
        """Returns the mean of every value reported while evaluating the whole iterator."""
        iterator = self._iterators['main']
        eval_func = self.eval_func or self._targets['main']
        if self.eval_hook:
            self.eval_hook(self)
        if hasattr(iterator, 'reset'):
            iterator.reset()
            it = iterator
        else:
            it = copy.copy(iterator)
        summary = reporter_module.DictSummary()
        for batch in it:
            observation = {}
            with reporter_module.report_scope(observation):
                in_arrays = convert._call_converter(self.converter, batch, self.device)
                with no_backprop_mode():
                    if isinstance(in_arrays, tuple):
                        eval_func(*in_arrays)
                    elif isinstance(in_arrays, dict):
                        eval_func(**in_arrays)
                    else:
                        eval_func(in_arrays)
            summary.add(observation)
            if getattr(it, 'repeat', False) and it.is_new_epoch:
                break
        return summary.compute_mean()

    def finalize(self):
        for iterator in self._iterators.values():
            finalize = getattr(iterator, 'finalize', None)
            if finalize is not None:
                finalize()
