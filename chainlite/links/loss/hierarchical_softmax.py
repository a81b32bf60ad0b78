"""The binary hierarchical softmax loss layer (Morin and Bengio, 2005)."""
import heapq

import numpy

from chainlite import backend
from chainlite import functions as F
from chainlite import initializers
from chainlite import link
from chainlite.variable import Parameter


def _parse_tree(tree):
    """Numbers the inner nodes of ``tree`` in pre-order and lists each leaf's route.

    Returns ``(n_nodes, routes)``; ``routes[leaf]`` is a list of
    ``(node, code)`` pairs, code +1 for a left turn and -1 for a right one.
    """
    routes = {}
    n_nodes = 0
    stack = [(tree, [])]
    while stack:
        node, route = stack.pop()
        if isinstance(node, tuple):
            if len(node) != 2:
                raise ValueError('BinaryHierarchicalSoftmax: an inner node of the tree must be '
                                 'a pair, got %r' % (node,))
            index = n_nodes
            n_nodes += 1
            # Push right first so the left subtree is numbered first (pre-order).
            stack.append((node[1], route + [(index, -1.0)]))
            stack.append((node[0], route + [(index, 1.0)]))
        else:
            if node in routes:
                raise ValueError('BinaryHierarchicalSoftmax: leaf %r appears twice' % (node,))
            routes[node] = route
    if sorted(routes) != list(range(len(routes))):
        raise ValueError('BinaryHierarchicalSoftmax: the leaves must be the ids 0..%d, got %s'
                         % (len(routes) - 1, sorted(routes)))
    return n_nodes, routes


class BinaryHierarchicalSoftmax(link.Link):
    """Hierarchical softmax over the leaves of a binary ``tree`` of word ids.

    ``tree`` nests pairs, e.g. ``((0, 1), 2)``; leaves are the ids ``0..n-1``.
    ``W`` has one row per inner node (``Uniform(1)``). The loss of ``(x, t)`` is
    ``sum_i sum_{(node, code) on t_i's route} softplus(-code * W[node] . x_i)``,
    summed over the batch.

    As in Chainer, ``W`` takes the default dtype (``chainlite.config.dtype``) and
    ``dtype`` is that of the route codes: the loss has the dtype that ``x``'s and
    the codes' dtypes promote to (float32 inputs with ``dtype=numpy.float64`` give
    a float64 loss).

    >>> import numpy, chainlite.links as L
    >>> tree = L.BinaryHierarchicalSoftmax.create_huffman_tree({0: 5, 1: 2, 2: 3})
    >>> bhs = L.BinaryHierarchicalSoftmax(4, tree)
    >>> bhs(numpy.ones((2, 4), numpy.float32), numpy.array([0, 2], numpy.int32)).shape
    ()
    """

    def __init__(self, in_size, tree, dtype=None):
        super().__init__()
        n_nodes, routes = _parse_tree(tree)
        # Routes padded to the deepest leaf; padding has code 0 and mask 0.
        depth = max(len(route) for route in routes.values())
        self._nodes = numpy.zeros((len(routes), depth), numpy.int32)
        self._codes = numpy.zeros((len(routes), depth), dtype or initializers.get_default_dtype())
        for word, route in routes.items():
            for k, (node, code) in enumerate(route):
                self._nodes[word, k] = node
                self._codes[word, k] = code
        with self.init_scope():
            self.W = Parameter(initializers.Uniform(1), (n_nodes, in_size))

    def forward(self, x, t):
        xp = backend.get_array_module(x, t)
        t = xp.asarray(getattr(t, 'array', t))
        n_words = len(self._nodes)
        if t.ndim != 1 or len(t) != x.shape[0]:
            raise ValueError('BinaryHierarchicalSoftmax: t must be 1-D with one label per row '
                             'of x; got x %s, t %s' % (tuple(x.shape), t.shape))
        if len(t) and (int(t.min()) < 0 or int(t.max()) >= n_words):
            raise ValueError('BinaryHierarchicalSoftmax: labels must be in [0, %d), got min %d '
                             'max %d' % (n_words, int(t.min()), int(t.max())))
        nodes = xp.asarray(self._nodes)[t]                        # (batch, depth)
        codes = xp.asarray(self._codes)[t]
        wx = F.sum(self.W[nodes] * F.expand_dims(x, 1), axis=2)  # (batch, depth)
        dtype = numpy.result_type(wx.dtype, codes.dtype)
        wx, codes = F.cast(wx, dtype), codes.astype(dtype)
        return F.sum(F.softplus(-codes * wx) * (codes != 0).astype(dtype))

    @staticmethod
    def create_huffman_tree(word_counts):
        """Builds a Huffman tree (nested pairs) from a ``{word: count}`` dict.

        Ties go to the entry holding the word seen first, as in Chainer, so the
        trees are the same.

        >>> BinaryHierarchicalSoftmax.create_huffman_tree({'a': 3, 'b': 1, 'c': 2, 'd': 5})
        ('d', ('a', ('b', 'c')))
        """
        if not word_counts:
            raise ValueError('create_huffman_tree: empty vocabulary')
        heap = [(count, i, word) for i, (word, count) in enumerate(word_counts.items())]
        heapq.heapify(heap)
        while len(heap) > 1:
            count1, id1, left = heapq.heappop(heap)
            count2, id2, right = heapq.heappop(heap)
            # A merged node ranks by its earliest word among equal counts.
            heapq.heappush(heap, (count1 + count2, min(id1, id2), (left, right)))
        return heap[0][2]
