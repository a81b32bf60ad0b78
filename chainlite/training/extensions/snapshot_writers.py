"""Snapshot writers: how ``snapshot(writer=...)`` saves (in place, in a thread, in a
process, or through a queue), with Chainer's classes and call protocol
``writer(filename, outdir, target)``.

>>> import os, tempfile
>>> import chainlite.links as L
>>> out = tempfile.mkdtemp()
>>> writer = ThreadWriter()
>>> writer('model.npz', out, L.Linear(2, 3))
>>> writer.finalize()
>>> os.listdir(out)
['model.npz']
"""
import multiprocessing
import os
import pickle
import queue
import threading


def _default_savefun():
    from chainlite import serializers
    return serializers.save_npz


def _fork_context():
    # Workers must see the target as it is now: fork copies it without pickling.
    try:
        return multiprocessing.get_context('fork')
    except ValueError:
        return multiprocessing.get_context()


def _save(filename, outdir, target, savefun, **kwds):
    os.makedirs(outdir, exist_ok=True)
    savefun(os.path.join(outdir, filename), target, **kwds)


class Writer:
    """Base class: ``writer(filename, outdir, target)`` saves ``target`` as
    ``outdir/filename``; ``finalize()`` waits for pending saves."""

    def __call__(self, filename, outdir, target):
        raise NotImplementedError

    def save(self, filename, outdir, target, savefun, **kwds):
        """Saves synchronously with ``savefun(path, target, **kwds)`` (creating ``outdir``)."""
        _save(filename, outdir, target, savefun, **kwds)

    def finalize(self):
        pass


class SimpleWriter(Writer):
    """Saves in the calling thread."""

    def __init__(self, savefun=None, **kwds):
        self._savefun = savefun or _default_savefun()
        self._kwds = kwds

    def __call__(self, filename, outdir, target):
        self.save(filename, outdir, target, self._savefun, **self._kwds)


class StandardWriter(Writer):
    """Saves in a worker made by ``create_worker`` (one at a time: a new save first waits
    for the previous one)."""

    def __init__(self, savefun=None, **kwds):
        self._savefun = savefun or _default_savefun()
        self._kwds = kwds
        self._worker = None

    def create_worker(self, filename, outdir, target, **kwds):
        raise NotImplementedError

    def __call__(self, filename, outdir, target):
        self.finalize()
        self._worker = self.create_worker(filename, outdir, target, **self._kwds)
        self._worker.start()

    def finalize(self):
        if self._worker is not None:
            self._worker.join()
            self._worker = None


class ThreadWriter(StandardWriter):
    """Saves in a new thread per snapshot."""

    def create_worker(self, filename, outdir, target, **kwds):
        return threading.Thread(target=self.save,
                                args=(filename, outdir, target, self._savefun), kwargs=kwds)


class ProcessWriter(StandardWriter):
    """Saves in a new (forked) process per snapshot."""

    def create_worker(self, filename, outdir, target, **kwds):
        return _fork_context().Process(target=self.save,
                                       args=(filename, outdir, target, self._savefun),
                                       kwargs=kwds)


class _Task:
    # Holds only the savefun, so a process queue can pickle it.
    def __init__(self, savefun):
        self._savefun = savefun

    def __call__(self, filename, outdir, target):
        _save(filename, outdir, target, self._savefun)


class QueueWriter(Writer):
    """Saves in one long-lived consumer fed through a queue (``task`` defaults to
    ``create_task(savefun)``)."""

    def __init__(self, savefun=None, task=None):
        self._task = task or self.create_task(savefun or _default_savefun())
        self._queue = self.create_queue()
        self._consumer = self.create_consumer(self._queue)
        self._consumer.start()
        self._started = True

    def create_task(self, savefun):
        return _Task(savefun)

    def create_queue(self):
        raise NotImplementedError

    def create_consumer(self, q):
        raise NotImplementedError

    def consume(self, q):
        while True:
            item = q.get()
            try:
                if item is None:
                    return
                task, filename, outdir, target = item
                task(filename, outdir, target)
            finally:
                q.task_done()

    def __call__(self, filename, outdir, target):
        self._queue.put((self._task, filename, outdir, target))

    def finalize(self):
        if self._started:
            self._queue.put(None)
            self._queue.join()
            self._consumer.join()
            self._started = False


class ThreadQueueWriter(QueueWriter):
    """A QueueWriter whose consumer is a thread."""

    def create_queue(self):
        return queue.Queue()

    def create_consumer(self, q):
        return threading.Thread(target=self.consume, args=(q,), daemon=True)


class ProcessQueueWriter(QueueWriter):
    """A QueueWriter whose consumer is a process (targets are pickled into the queue)."""

    def __call__(self, filename, outdir, target):
        # The queue pickles in a background thread, where a failure would only be
        # printed and finalize() would wait forever: fail here instead.
        try:
            pickle.dumps(target)
        except Exception as e:
            raise TypeError('ProcessQueueWriter: the snapshot target %s cannot be pickled for '
                            'the writer process (%s); use ProcessWriter or ThreadQueueWriter'
                            % (type(target).__name__, e)) from e
        super().__call__(filename, outdir, target)

    def create_queue(self):
        return _fork_context().JoinableQueue()

    def create_consumer(self, q):
        return _fork_context().Process(target=self.consume, args=(q,), daemon=True)
