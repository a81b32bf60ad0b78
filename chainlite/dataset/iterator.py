"""The iterator protocol shared by every dataset iterator."""


class Iterator:
    """Base class of dataset iterators.

    ``next()`` returns a list of examples (a mini-batch); ``serialize`` saves
    or restores the position; ``finalize`` releases workers. An iterator is a
    context manager that finalizes itself on exit.
    """

    def __iter__(self):
        return self

    def __next__(self):
        raise NotImplementedError

    def next(self):
        return self.__next__()

    def finalize(self):
        """Releases resources (worker threads or processes); a no-op by default."""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.finalize()

    def serialize(self, serializer):
        """Saves or restores the iterator's state; nothing by default."""
