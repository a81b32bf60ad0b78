"""Snapshots: save the trainer (or any object) periodically, resume with ``autoload``.

>>> from chainlite.training import extensions
>>> extensions.snapshot().trigger
(1, 'epoch')
"""
import glob
import os
import re
import warnings

from chainlite.training import extension


def _pattern_to_regex(filename):
    """Turns a ``str.format`` file name into a regex matching any filled-in value."""
    parts = re.split(r'(\{[^{}]*\})', filename)
    return re.compile('^' + ''.join('(.+)' if p.startswith('{') else re.escape(p)
                                    for p in parts) + '$')


def _progress_key(match):
    """The filled-in values as numbers (iteration, epoch), or () when one is not a number."""
    try:
        return tuple(float(value) for value in match.groups())
    except ValueError:
        return ()


def _frozen(target):
    """A copy of ``target``'s state as a dict of arrays, taken now, that serializes
    like ``target`` did (Chainer also hands writers a dict).

    A save in a thread or process then does not mix in later iterations, and a
    process queue can pickle it.
    """
    from chainlite.serializers import DictionarySerializer, _base
    saver = DictionarySerializer()
    saver.save(target)
    return _base.SavedState((key, value.copy()) for key, value in saver.target.items())


class _Snapshot(extension.Extension):
    trigger = 1, 'epoch'
    priority = -100

    def __init__(self, target=None, condition=None, writer=None,
                 filename='snapshot_iter_{.updater.iteration}', snapshot_on_error=False,
                 n_retains=-1, autoload=False, savefun=None, loadfun=None):
        self._target = target
        self.filename = filename
        self.condition = condition or (lambda: True)
        self.writer = writer
        self._snapshot_on_error = snapshot_on_error
        self.n_retains = n_retains
        self.autoload = autoload
        self._savefun = savefun
        self._loadfun = loadfun

    def _save_and_load(self):
        from chainlite import serializers
        save = self._savefun or serializers.save_npz
        load = self._loadfun or {serializers.save_hdf5: serializers.load_hdf5}.get(
            save, serializers.load_npz)  # autoload reads what savefun wrote
        return save, load

    def initialize(self, trainer):
        """With ``autoload``, resumes from the newest snapshot that loads cleanly.

        When snapshots exist but none loads (e.g. the trainer gained an
        extension since), it raises rather than start from scratch, which
        would overwrite them.
        """
        if not self.autoload:
            return None
        target = trainer if self._target is None else self._target
        _, load = self._save_and_load()
        failures = []
        for path in reversed(self._existing(trainer.out)):
            try:
                load(path, target)
            except Exception as e:  # a truncated or foreign file: try an older one
                warnings.warn('snapshot: skipping %s, which does not load: %s' % (path, e))
                failures.append((path, e))
                continue
            return path
        if failures:
            path, error = failures[0]
            raise RuntimeError('snapshot: autoload found %d snapshot(s) in %s but none loads, '
                               'so training would start over and overwrite them; the newest, '
                               '%s, fails with: %s' % (len(failures), trainer.out, path, error)
                               ) from error
        return None

    def _existing(self, out):
        """Snapshot files in ``out`` matching the name pattern, oldest first.

        Files are ordered by the numbers filled into the name (the iteration
        or epoch), then by modification time: timestamps alone tie on file
        systems with coarse ones and lie after a copy.
        """
        regex = _pattern_to_regex(self.filename)
        found = []
        for path in glob.glob(os.path.join(out, '*')):
            match = regex.match(os.path.basename(path))
            if match and os.path.isfile(path):
                found.append((_progress_key(match), os.path.getmtime(path), path))
        return [path for _, _, path in sorted(found)]

    def finalize(self):
        finalize = getattr(self.writer, 'finalize', None)
        if finalize is not None:
            finalize()

    def on_error(self, trainer, exc, tb):
        if self._snapshot_on_error:
            self._make_snapshot(trainer)

    def __call__(self, trainer):
        if self.condition():
            self._make_snapshot(trainer)

    def _make_snapshot(self, trainer):
        target = trainer if self._target is None else self._target
        name = self.filename.format(trainer)
        save, _ = self._save_and_load()
        if self.writer is not None:
            # Chainer's writer protocol: the writer owns its savefun. A writer may save in
            # the background while training goes on, so it gets a copy taken now.
            self.writer(name, trainer.out, _frozen(target))
        else:
            os.makedirs(trainer.out, exist_ok=True)
            save(os.path.join(trainer.out, name), target)
        if self.n_retains > 0:
            for path in self._existing(trainer.out)[:-self.n_retains]:
                os.remove(path)


def snapshot(savefun=None, filename='snapshot_iter_{.updater.iteration}', *, target=None,
             condition=None, writer=None, snapshot_on_error=False, n_retains=-1,
             autoload=False):
    """Returns an extension saving ``target`` (default: the trainer) as ``out/filename``.

    Each save is atomic (the default ``save_npz`` writes a temporary file and
    renames it), so a crash never corrupts an earlier snapshot. With
    ``autoload=True`` the trainer resumes from the newest snapshot that loads.
    """
    return _Snapshot(target=target, condition=condition, writer=writer, filename=filename,
                     snapshot_on_error=snapshot_on_error, n_retains=n_retains,
                     autoload=autoload, savefun=savefun)


def snapshot_object(target, filename, savefun=None, **kwargs):
    """Returns an extension saving ``target`` (e.g. the model) as ``out/filename``."""
    return snapshot(savefun=savefun, filename=filename, target=target, **kwargs)
