"""The linear-chain conditional random field layer."""
from chainlite import backend
from chainlite import functions as F
from chainlite import link
from chainlite.links import _util
from chainlite.variable import as_array


def _by_length(seqs):
    """Indices of ``seqs`` by decreasing length (stable) and the inverse permutation."""
    order = sorted(range(len(seqs)), key=lambda i: -len(seqs[i]))
    inverse = [0] * len(order)
    for position, i in enumerate(order):
        inverse[i] = position
    return order, inverse


def _time_major(seqs, order):
    """Batch-major sequences, taken in ``order``, as a list of per-time-step batches."""
    return list(F.transpose_sequence([seqs[i] for i in order]))


class CRF1d(link.Link):
    """A linear-chain CRF with transition costs ``cost`` of shape ``(n_label, n_label)`` (init 0).

    ``xs`` is a time-major list of score batches ``(batch_t, n_label)`` with
    non-increasing ``batch_t``, and ``ys`` the matching label batches. With
    ``transpose=True`` they are batch-major lists of sequences ``(length,
    n_label)`` and ``(length,)`` in any order instead; per-sequence results then
    come back in that order (Chainer returned the scores in sorted order).

    >>> import numpy, chainlite.links as L
    >>> crf = L.CRF1d(3)
    >>> xs = [numpy.zeros((2, 3), numpy.float32)] * 4
    >>> ys = [numpy.zeros(2, numpy.int32)] * 4
    >>> bool(numpy.isclose(crf(xs, ys).array, 4 * numpy.log(3)))
    True
    """

    def __init__(self, n_label, initial_cost=None):
        super().__init__()
        with self.init_scope():
            self.cost = _util.param(0 if initial_cost is None else initial_cost,
                                    (n_label, n_label))

    def forward(self, xs, ys, reduce='mean', transpose=False):
        """The negative log-likelihood of the label sequences ``ys``."""
        if not transpose:
            return F.crf1d(self.cost, xs, ys, reduce)
        order, inverse = _by_length(xs)
        xp = backend.get_array_module(*xs)
        ys = [as_array(y) for y in _time_major(ys, order)]
        loss = F.crf1d(self.cost, _time_major(xs, order), ys, reduce)
        return loss if reduce != 'no' else loss[xp.asarray(inverse)]

    def argmax(self, xs, transpose=False):
        """The best label sequences and their scores: ``(score, path)``."""
        if not transpose:
            return F.argmax_crf1d(self.cost, xs)
        order, inverse = _by_length(xs)
        xp = backend.get_array_module(*xs)
        score, path = F.argmax_crf1d(self.cost, _time_major(xs, order))
        sorted_paths = [as_array(p) for p in F.transpose_sequence(path)]
        return score[xp.asarray(inverse)], [sorted_paths[i] for i in inverse]
