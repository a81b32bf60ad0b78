"""What the npz and HDF5 formats share: checked all-or-nothing loading and atomic saving."""
import os
import tempfile

import numpy

from chainlite import backend
from chainlite import serializer as serializer_module


class LoadError(ValueError, KeyError, TypeError):
    """A load was refused and nothing in the target was changed.

    ``problems`` lists ``(key, message)`` for every offending key. The class
    derives from ValueError, KeyError and TypeError, so code written for
    Chainer's errors (KeyError for a missing key, ValueError or TypeError for
    a shape or dtype mismatch) still catches it.
    """

    def __init__(self, where, problems):
        self.problems = problems
        lines = ['%s: %s' % item for item in problems]
        super().__init__('cannot load %s: nothing was changed; %d problem%s:\n  %s'
                         % (where, len(problems), '' if len(problems) == 1 else 's',
                            '\n  '.join(lines)))

    def __str__(self):
        return self.args[0]


class MissingKeyError(KeyError):
    """A key a deserializer was asked for is not stored (``strict=True``)."""

    def __init__(self, key, where):
        self.key = key
        super().__init__('%r is not in %s' % (key, where))

    def __str__(self):
        return self.args[0]


OBJECT_ARRAY = 'holds an object array (pickled Python objects), which chainlite never loads'


def is_array(value):
    return isinstance(value, numpy.ndarray) or backend.is_gpu_array(value)


def is_saved_none(stored):
    """Whether ``stored`` is how Chainer saves None (e.g. an uninitialized parameter):
    a 0-d object array holding None. Loading it changes nothing, as in Chainer."""
    return stored.dtype == object and stored.shape == () and stored.item() is None


def mismatch(stored, value):
    """Why ``stored`` (a NumPy array) cannot be loaded into ``value``; None if it can."""
    if stored.dtype.hasobject:
        return None if is_saved_none(stored) else OBJECT_ARRAY
    if value is None:
        return None
    if is_array(value):
        if stored.shape != value.shape:
            return 'shape %s in the file, %s in the target' % (stored.shape, value.shape)
        if not numpy.can_cast(stored.dtype, value.dtype, 'same_kind'):
            return 'dtype %s in the file cannot be cast to the target dtype %s' % (
                stored.dtype, value.dtype)
        return None
    if stored.ndim != 0:
        return 'an array of shape %s in the file, a scalar %s in the target' % (
            stored.shape, type(value).__name__)
    if isinstance(value, str):
        return None if stored.dtype.kind == 'U' else 'dtype %s in the file, a str in the target' % (
            stored.dtype,)
    if not numpy.can_cast(stored.dtype, numpy.asarray(value).dtype, 'safe'):
        return 'dtype %s in the file cannot be safely converted to the target %s' % (
            stored.dtype, type(value).__name__)
    return None


def assign(stored, value):
    """Loads ``stored`` into ``value``: in place for arrays, as a new object otherwise.

    A saved None loads as None: arrays keep their values, as in Chainer.
    """
    if is_saved_none(stored):
        return None
    if value is None:
        return stored
    if is_array(value):
        backend.copyto(value, stored)
        return value
    return type(value)(stored.item() if isinstance(value, str) else stored)


def _match_any(key, names):
    return any(name(key) if callable(name) else name == key for name in names)


class _LoadContext:
    """State shared by a deserializer and its children during one checked load."""

    def __init__(self):
        self.dry_run = False
        self.tolerated = ()  # missing keys a dry run answers with the value, not a KeyError
        self.tolerate_all = False
        self.missing = []  # missing keys a dry run tolerated
        self.problems = []


# Bounds the dry runs of a load whose file lacks many keys (see KeyedDeserializer.load).
_MAX_MISSING_PROBES = 16


class KeyedDeserializer(serializer_module.Deserializer):
    """A deserializer over flat keys ``'a/b/c'``; subclasses define ``_has`` and ``_read``.

    ``load(obj)`` first walks ``obj.serialize`` in a dry run, collecting every
    missing key and every shape, dtype or format problem; only when there are
    none does it walk again and load. Otherwise it raises :class:`LoadError`
    naming every offending key. The dry run hands every value back unchanged
    (None stays None), so it changes nothing in ``obj`` beyond what
    ``obj.serialize`` itself does with those values (such as a default it sets
    when it catches the KeyError of an optional key).
    """

    def __init__(self, path, strict, ignore_names, where):
        self.path = path
        self.strict = strict
        if ignore_names is None:
            ignore_names = []
        elif callable(ignore_names) or isinstance(ignore_names, str):
            ignore_names = [ignore_names]
        self.ignore_names = list(ignore_names)
        self._where = where
        self._ctx = _LoadContext()

    def __getitem__(self, key):
        child = object.__new__(type(self))
        child.__dict__.update(self.__dict__)
        child.path = self.path + key.strip('/') + '/'
        return child

    def __call__(self, key, value):
        key = self.path + key.lstrip('/')
        if _match_any(key, self.ignore_names):
            return value
        ctx = self._ctx
        if not self._has(key):
            if not self.strict:
                return value
            if ctx.dry_run and (ctx.tolerate_all or key in ctx.tolerated):
                ctx.missing.append(key)
                return value
            raise MissingKeyError(key, self._where)
        try:
            stored = self._read(key)
        except ValueError as e:
            problem = str(e)
        else:
            problem = mismatch(stored, value)
        if problem:
            if ctx.dry_run:
                ctx.problems.append((key, problem))
                return value
            raise LoadError(self._where, [(key, problem)])
        if ctx.dry_run:
            return value
        return assign(stored, value)

    @property
    def checking(self):
        """True during the checking pass of a load, when values are handed back unchanged."""
        return self._ctx.dry_run

    def peek(self, key):
        """The stored value of ``key`` (KeyError when absent), loading nothing.

        Works in the checking pass too, so an object whose state depends on
        stored content (e.g. a list of names) can check it before anything loads.
        """
        key = self.path + key.lstrip('/')
        if not self._has(key):
            raise MissingKeyError(key, self._where)
        return self._read(key)

    def report_problem(self, key, problem):
        """Records a problem the object found in the stored value of ``key``.

        The checking pass collects it with all the others (one LoadError names
        them all, before anything loads); outside it, it raises LoadError.
        """
        key = self.path + key.lstrip('/')
        if self._ctx.dry_run:
            self._ctx.problems.append((key, problem))
            return
        raise LoadError(self._where, [(key, problem)])

    def _dry_run(self, obj, tolerated=(), tolerate_all=False):
        """Walks ``obj.serialize`` changing nothing; returns the key of a KeyError nobody caught."""
        ctx = self._ctx
        ctx.dry_run, ctx.tolerated, ctx.tolerate_all = True, tolerated, tolerate_all
        ctx.missing, ctx.problems = [], []
        try:
            obj.serialize(self)
        except MissingKeyError as e:
            return e.key
        finally:
            ctx.dry_run = False
        return None

    def load(self, obj):
        """Loads ``obj``'s state, all or nothing (see the class docstring)."""
        if self._ctx.dry_run:  # a nested load inside a checked walk: part of the same walk
            obj.serialize(self)
            return
        # A missing key is an error only if the object does not catch the
        # KeyError (some keys are optional), so each one that escapes is
        # noted and the walk repeated past it. Past a few, every missing key
        # counts, to keep the number of walks small.
        required = []
        for _ in range(_MAX_MISSING_PROBES):
            escaped = self._dry_run(obj, tolerated=set(required))
            if escaped is None:
                break
            required.append(escaped)
        else:
            self._dry_run(obj, tolerate_all=True)
        missing = list(dict.fromkeys(self._ctx.missing))
        problems = [(key, 'missing from the file') for key in missing] + self._ctx.problems
        if problems:
            raise LoadError(self._where, problems)
        obj.serialize(self)


class SavedState(dict):
    """Saved state as a flat dict ``{'path/to/key': value}`` that serializes as its items.

    ``save_npz`` and ``save_hdf5`` save a plain dict this way, as Chainer does,
    and snapshot writers receive one (Chainer hands them a dict too).
    """

    def serialize(self, serializer):
        for key, value in self.items():
            serializer(key, value)


def check_target(obj, where):
    """Refuses an object that cannot be saved or loaded (it has no ``serialize`` method)."""
    if not callable(getattr(obj, 'serialize', None)):
        raise TypeError('%s: %s has no serialize method; save or load a Link, an Optimizer, '
                        'a Trainer, an iterator or another object with one'
                        % (where, type(obj).__name__))


def savable(obj, where):
    """``obj`` ready to save: a dict of arrays becomes a :class:`SavedState`; anything
    else must have a ``serialize`` method."""
    if isinstance(obj, dict) and not isinstance(obj, SavedState):
        return SavedState(obj)
    check_target(obj, where)
    return obj


def check_savable(target, where):
    """Refuses to save Python objects, which would need pickling to load.

    None (an uninitialized parameter) is saved as Chainer saves it, a 0-d object
    array, which chainlite loads back without unpickling any Python object.
    """
    bad = sorted(key for key, value in target.items()
                 if value.dtype.hasobject and not is_saved_none(value))
    if bad:
        raise ValueError('%s: cannot save %s without pickling (Python objects, not arrays)'
                         % (where, ', '.join(bad)))


def write_atomically(file, write):
    """Writes ``file`` through ``write(tmp_path)`` and returns what that returns.

    ``tmp_path`` is a new file in the same directory; once written it is
    fsync'ed and moved over ``file`` with ``os.replace``, so a crash at any
    point leaves either the previous file or the complete new one.
    """
    path = os.fspath(file)
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    mode = os.stat(path).st_mode & 0o777 if os.path.exists(path) else 0o644
    fd, tmp_path = tempfile.mkstemp(dir=directory, prefix='.' + os.path.basename(path) + '.',
                                    suffix='.tmp')
    os.close(fd)
    try:
        result = write(tmp_path)
        os.chmod(tmp_path, mode)
        fd = os.open(tmp_path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp_path, path)
    except BaseException:
        if os.path.exists(tmp_path):
            os.remove(tmp_path)
        raise
    _fsync_directory(directory)
    return result


def _fsync_directory(directory):
    if not hasattr(os, 'O_DIRECTORY'):  # not on Windows
        return
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
