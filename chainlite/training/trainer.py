"""The Trainer: runs the updater until a stop trigger fires, calling extensions on the way.

>>> from chainlite import training
>>> training.Trainer.__name__
'Trainer'
"""
import collections
import os
import sys
import time
import traceback

from chainlite import reporter as reporter_module
from chainlite.serializer import Deserializer
from chainlite.training import extension as extension_module
from chainlite.training import triggers as trigger_module


class _ExtensionEntry:
    def __init__(self, extension, priority, trigger, call_before_training):
        self.extension = extension
        self.trigger = trigger
        self.priority = priority
        self.call_before_training = call_before_training


class Trainer:
    """Runs ``updater.update()`` until ``stop_trigger`` fires.

    Args:
        updater: the updater that runs one training step.
        stop_trigger: ``(length, 'epoch'|'iteration')`` or a trigger; None never stops.
        out: output directory of extensions (logs, snapshots, plots).
        extensions: extensions to add right away.
    """

    def __init__(self, updater, stop_trigger=None, out='result', extensions=None):
        self.updater = updater
        self.stop_trigger = trigger_module.get_trigger(stop_trigger)
        self.observation = {}
        self.out = out
        self.reporter = reporter_module.Reporter()
        for name, optimizer in updater.get_all_optimizers().items():
            self.reporter.add_observer(name, optimizer.target)
            self.reporter.add_observers(name, optimizer.target.namedlinks(skipself=True))
        self._extensions = collections.OrderedDict()
        self._start_at = None
        self._snapshot_elapsed_time = 0.0
        self._final_elapsed_time = None
        self._done = False
        updater.connect_trainer(self)
        for ext in extensions or ():
            self.extend(ext)

    @property
    def is_before_training(self):
        return self.updater.iteration == 0

    @property
    def elapsed_time(self):
        """Seconds of training so far (including before a resume)."""
        if self._done:
            return self._final_elapsed_time
        if self._start_at is None:
            raise RuntimeError('Trainer.elapsed_time is available only while training runs')
        return time.time() - self._start_at + self._snapshot_elapsed_time

    def extend(self, extension, name=None, trigger=None, priority=None, *,
               call_before_training=False, **kwargs):
        """Registers an extension (a callable taking the trainer)."""
        if kwargs:
            raise TypeError('Trainer.extend: unexpected keyword arguments %s' % sorted(kwargs))
        if name is None:
            name = getattr(extension, 'name', None) or getattr(extension, 'default_name', None)
            if name is None:
                name = getattr(extension, '__name__', None)
            if name is None:
                raise TypeError('Trainer.extend: name is not given for the extension')
        if name == 'training':
            raise ValueError('Trainer.extend: the name "training" is reserved')
        if trigger is None:
            trigger = getattr(extension, 'trigger', (1, 'iteration'))
        trigger = trigger_module.get_trigger(trigger)
        if priority is None:
            priority = getattr(extension, 'priority', extension_module.PRIORITY_READER)
        modified = name
        ordinal = 0
        while modified in self._extensions:  # Chainer's names: LogReport, LogReport_1, ...
            ordinal += 1
            modified = '%s_%d' % (name, ordinal)
        extension.name = modified
        self._extensions[modified] = _ExtensionEntry(extension, priority, trigger,
                                                     call_before_training)

    def get_extension(self, name):
        """Returns the extension registered under ``name``."""
        if name in self._extensions:
            return self._extensions[name].extension
        raise ValueError('Trainer.get_extension: no extension named %r (have: %s)'
                         % (name, ', '.join(self._extensions)))

    def run(self, show_loop_exception_msg=True):
        """Trains until the stop trigger fires."""
        if self._done:
            raise RuntimeError('cannot run training loop multiple times')
        try:
            os.makedirs(self.out, exist_ok=True)
        except OSError:
            pass
        extensions = sorted(self._extensions.items(), key=lambda kv: -kv[1].priority)
        self._start_at = time.time()
        # Snapshots that autoload run first, so every other extension initializes from the
        # resumed state (e.g. a learning-rate schedule continues instead of restarting).
        ordered = sorted(extensions, key=lambda kv: not getattr(kv[1].extension, 'autoload', False))
        for _, entry in ordered:
            initializer = getattr(entry.extension, 'initialize', None)
            if initializer is not None and not getattr(entry.trigger, 'skip_initialize', False):
                initializer(self)
        update = self.updater.update
        reporter = self.reporter
        stop_trigger = self.stop_trigger
        try:
            for _, entry in extensions:
                if entry.call_before_training:
                    entry.extension(self)
            while not stop_trigger(self):
                self.observation = {}
                with reporter.scope(self.observation):
                    update()
                    for _, entry in extensions:
                        if entry.trigger(self):
                            entry.extension(self)
        except Exception as e:
            if show_loop_exception_msg:
                sys.stderr.write('Exception in main training loop: %s\n' % e)
                sys.stderr.write('Traceback (most recent call last):\n')
                traceback.print_tb(sys.exc_info()[2])
                sys.stderr.write('Will finalize trainer extensions and updater before '
                                 'reraising the exception.\n')
            for _, entry in extensions:
                handler = getattr(entry.extension, 'on_error', None)
                if handler is not None:
                    try:
                        handler(self, e, sys.exc_info()[2])
                    except Exception as he:
                        sys.stderr.write('Exception in error handler: %s\n' % he)
            raise
        finally:
            for _, entry in extensions:
                finalize = getattr(entry.extension, 'finalize', None)
                if finalize is not None:
                    finalize()
            self.updater.finalize()
        # Only a completed run is final: as in Chainer, a run stopped by an exception can be
        # run again and continues from where it stopped.
        self._final_elapsed_time = self.elapsed_time
        self._done = True

    def serialize(self, serializer):
        """Saves or loads the updater, the stop trigger and every extension's state."""
        self.updater.serialize(serializer['updater'])
        if hasattr(self.stop_trigger, 'serialize'):
            self.stop_trigger.serialize(serializer['stop_trigger'])
        s = serializer['extensions']
        t = serializer['extension_triggers']
        for name, entry in self._extensions.items():
            if hasattr(entry.extension, 'serialize'):
                entry.extension.serialize(s[name])
            if hasattr(entry.trigger, 'serialize'):
                entry.trigger.serialize(t[name])
        elapsed = self.elapsed_time if self._start_at is not None or self._done else \
            self._snapshot_elapsed_time
        value = serializer('_snapshot_elapsed_time', elapsed)
        if isinstance(serializer, Deserializer):  # resuming: count the time already spent
            self._snapshot_elapsed_time = float(value)
            self._start_at = time.time() if self._start_at is not None else None
