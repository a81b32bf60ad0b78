"""MultiprocessIterator: loads examples in worker processes."""
import multiprocessing

from chainlite.iterators._prefetch import PrefetchIterator

_worker_dataset = None


def _init_worker(dataset):
    global _worker_dataset
    _worker_dataset = dataset


def _fetch(index):
    return _worker_dataset[index]


class MultiprocessIterator(PrefetchIterator):
    """A :class:`SerialIterator` that fetches examples in ``n_processes`` worker processes.

    Useful when producing an example is CPU-heavy (decoding, augmentation).
    ``n_prefetch`` batches are requested ahead. Batches, ``epoch``,
    ``epoch_detail`` and the saved state match :class:`SerialIterator` for
    the same random state. The dataset is sent to each worker once (it must
    be picklable when the start method is not ``fork``); examples come back
    pickled, so ``shared_mem`` is accepted for compatibility and unused. A
    batch slower than ``dataset_timeout`` seconds issues a
    :class:`MultiprocessIterator.TimeoutWarning`. Call ``finalize()`` (or use a
    ``with`` block) to stop the workers.

    Usage::

        with MultiprocessIterator(dataset, 32, n_processes=4) as it:
            batch = it.next()
    """

    def __init__(self, dataset, batch_size, repeat=True, shuffle=None, n_processes=None,
                 n_prefetch=1, shared_mem=None, order_sampler=None, dataset_timeout=30.0,
                 maxtasksperchild=None):
        if n_processes is not None and n_processes < 1:
            raise ValueError('MultiprocessIterator: n_processes must be at least 1, got %r'
                             % (n_processes,))
        self.n_processes = n_processes or multiprocessing.cpu_count()
        self.shared_mem = shared_mem
        self.dataset_timeout = dataset_timeout
        self.maxtasksperchild = maxtasksperchild
        super().__init__(dataset, batch_size, repeat, shuffle, order_sampler, n_prefetch)

    def _make_pool(self):
        return multiprocessing.Pool(self.n_processes, _init_worker, (self.dataset,),
                                    self.maxtasksperchild)

    def _fetch_args(self, indices):
        return _fetch, indices
