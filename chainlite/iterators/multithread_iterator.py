"""MultithreadIterator: loads each batch's examples in a pool of threads."""
from multiprocessing.pool import ThreadPool

from chainlite.iterators._prefetch import PrefetchIterator


class MultithreadIterator(PrefetchIterator):
    """A :class:`SerialIterator` that fetches examples with ``n_threads`` threads.

    It prepares the next batch while the current one is used. Batches,
    ``epoch``, ``epoch_detail`` and the rest match :class:`SerialIterator`
    for the same random state; it saves its order under the key ``_order``
    as Chainer's MultithreadIterator does. Call ``finalize()`` (or use it in a
    ``with`` block) to stop the threads.

    >>> with MultithreadIterator(list(range(5)), 2, shuffle=False, n_threads=2) as it:
    ...     it.next(), it.next()
    ([0, 1], [2, 3])
    """

    _order_key = '_order'
    _saves_no_order = True  # as Chainer's MultithreadIterator

    def __init__(self, dataset, batch_size, repeat=True, shuffle=None, n_threads=1,
                 order_sampler=None):
        if n_threads < 1:
            raise ValueError('MultithreadIterator: n_threads must be at least 1, got %r'
                             % (n_threads,))
        self.n_threads = n_threads
        super().__init__(dataset, batch_size, repeat, shuffle, order_sampler, 1)

    def _make_pool(self):
        return ThreadPool(self.n_threads)

    def _fetch_args(self, indices):
        return self.dataset.__getitem__, indices
