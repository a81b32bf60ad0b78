"""The base of iterators that load examples in worker pools, batches ahead of use."""
import collections
import warnings
import weakref

import numpy

from chainlite.iterators.serial_iterator import SerialIterator


def _same_state(a, b):
    if (a.order is None) != (b.order is None):
        return False
    return (tuple(a[:3]) == tuple(b[:3]) and a.previous_epoch_detail == b.previous_epoch_detail
            and (a.order is None or numpy.array_equal(a.order, b.order)))


def _close_pool(pool):
    pool.terminate()
    pool.join()


class PrefetchIterator(SerialIterator):
    """A SerialIterator whose examples are fetched by a pool (``multiprocessing.pool`` API).

    Up to ``n_prefetch`` batches are planned and requested ahead; the
    observable state (epoch, position, ...) is that of the batches returned
    so far, so it matches :class:`SerialIterator` exactly. A batch that ends
    an epoch of a shuffled iterator is planned only when it is asked for, so
    the order sampler (and its random numbers) is called exactly when a
    SerialIterator would call it. Subclasses define ``_make_pool()`` and
    ``_fetch_args(indices)`` -> ``(function, iterable)``.
    """

    dataset_timeout = None  # seconds before warning that a batch is slow to load

    def __init__(self, dataset, batch_size, repeat, shuffle, order_sampler, n_prefetch):
        if n_prefetch < 1:
            raise ValueError('%s: n_prefetch must be at least 1, got %r'
                             % (type(self).__name__, n_prefetch))
        self._n_prefetch = n_prefetch
        self._pool = None
        self._pool_finalizer = None
        self._queue = collections.deque()
        super().__init__(dataset, batch_size, repeat, shuffle, order_sampler)

    def __next__(self):
        self._fill_queue(now=True)
        result, state = self._queue.popleft()
        if result is None:
            self._state = state
            raise StopIteration
        batch = self._wait(result)
        self._state = state
        self._fill_queue(now=False)
        return batch

    def _fill_queue(self, now):
        """Plans and requests batches up to ``n_prefetch`` ahead; the end is queued as None.

        ``now``: the first planned batch is the one being asked for, so it may
        draw a new order.
        """
        while len(self._queue) < self._n_prefetch:
            last = self._queue[-1] if self._queue else None
            if last is not None and last[0] is None:
                return
            state = last[1] if last else self._state
            draws_order = (state.order is not None
                           and state.current_position + self.batch_size >= len(self.dataset))
            if draws_order and not (now and last is None):
                return
            indices, state = self._advance(state)
            if indices is None:
                self._queue.append((None, state))
                return
            if self._pool is None:
                self._pool = self._make_pool()
                self._pool_finalizer = weakref.finalize(self, _close_pool, self._pool)
            func, args = self._fetch_args(indices)
            self._queue.append((self._pool.map_async(func, args), state))

    def _wait(self, result):
        while True:
            result.wait(self.dataset_timeout)
            if result.ready():
                return result.get()
            warnings.warn('%s: a batch took more than %s seconds to load'
                          % (type(self).__name__, self.dataset_timeout), self.TimeoutWarning)

    def reset(self):
        self._queue.clear()
        super().reset()

    def serialize(self, serializer):
        before = self._state
        super().serialize(serializer)
        if not _same_state(before, self._state):
            self._queue.clear()  # batches planned from the old state are stale

    def finalize(self):
        """Stops the workers; a later ``next()`` starts new ones."""
        self._queue.clear()
        if self._pool_finalizer is not None:
            self._pool_finalizer()
        self._pool = self._pool_finalizer = None

    class TimeoutWarning(RuntimeWarning):
        """A batch took longer than the iterator's ``dataset_timeout`` to load."""
