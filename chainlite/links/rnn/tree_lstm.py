"""Tree-LSTM links: ``ChildSumTreeLSTM`` and ``NaryTreeLSTM`` (Tai et al., 2015)."""
from chainlite import functions as F
from chainlite import link
from chainlite.links.connection.linear import Linear


def _template(args):
    """The first input that is not None; raises ValueError when all are None."""
    for a in args:
        if a is not None:
            return a
    raise ValueError('All inputs (cs, hs, x) are None.')


def _array(v):
    return getattr(v, 'array', v)


class _TreeLSTMBase(link.Chain):

    def _zeros(self, args):
        """``zeros(n)``: a ``(B, n)`` zero array like the first input that is not None."""
        ref = _array(_template(args))
        xp = self.xp
        batch, dtype = ref.shape[0], ref.dtype

        def zeros(n):
            return xp.zeros((batch, n), dtype)
        return zeros


class ChildSumTreeLSTM(_TreeLSTMBase):
    """Child-Sum Tree-LSTM: a node merging any number of unordered children.

    ``W_x`` (with bias) maps ``x`` to ``4 * out_size`` gate pre-activations
    ``a, i, o, f``; ``W_h_aio`` maps the sum of the children's ``h`` to the
    ``a, i, o`` part and ``W_h_f`` each child's ``h`` to its forget gate.
    Calls take ``(c_1, ..., c_N, h_1, ..., h_N, x)`` (``N >= 0``) and return
    ``(c, h)``. A None child's ``c`` or ``h`` reads as zeros and a None ``x``
    as zeros (only ``W_x``'s bias remains).

    >>> import numpy, chainlite.links as L
    >>> node = L.ChildSumTreeLSTM(3, 2)
    >>> x = numpy.ones((4, 3), numpy.float32)
    >>> c1, h1 = node(x)
    >>> c, h = node(c1, None, h1, None, x)
    >>> c.shape, h.shape
    ((4, 2), (4, 2))
    """

    def __init__(self, in_size, out_size):
        super().__init__()
        with self.init_scope():
            self.W_x = Linear(in_size, 4 * out_size)
            self.W_h_aio = Linear(out_size, 3 * out_size, nobias=True)
            self.W_h_f = Linear(out_size, out_size, nobias=True)
        self.in_size = in_size
        self.state_size = out_size

    def forward(self, *cshsx):
        """``forward(c_1, ..., c_N, h_1, ..., h_N, x)`` -> ``(c, h)``, each ``(B, out_size)``."""
        x = cshsx[-1]
        assert len(cshsx) % 2 == 1
        n_children = len(cshsx) // 2
        zeros = self._zeros(cshsx)
        n = self.state_size
        cs = [zeros(n) if c is None else c for c in cshsx[:n_children]]
        hs = [zeros(n) if h is None else h for h in cshsx[n_children:-1]]
        if x is None:
            x = zeros(self.in_size)
        x_aio, x_f = F.split_axis(self.W_x(x), [3 * n], axis=1)
        if not cs:
            # No child: one zero cell whose forget gate has nothing to keep.
            return F.tree_lstm(zeros(n), F.concat([x_aio, x_f], axis=1))
        aio = x_aio + self.W_h_aio(sum(hs[1:], hs[0]))
        fs = [x_f + self.W_h_f(h) for h in hs]
        return F.tree_lstm(*cs, F.concat([aio] + fs, axis=1))


class NaryTreeLSTM(_TreeLSTMBase):
    """N-ary Tree-LSTM: a node with exactly ``n_ary`` ordered children.

    ``W_x`` (with bias) and one ``W_h<k>`` per child position
    (``k = 1 .. n_ary``) each map to the ``(3 + n_ary) * out_size``
    pre-activations ``a, i, o, f_1, ..., f_n_ary``, which are summed. Calls take
    exactly ``(c_1, ..., c_n_ary, h_1, ..., h_n_ary, x)`` and return
    ``(c, h)``. A None ``c`` reads as zeros, a None ``h`` drops its term and a
    None ``x`` reads as zeros (only ``W_x``'s bias remains).

    >>> import numpy, chainlite.links as L
    >>> node = L.NaryTreeLSTM(3, 2, n_ary=2)
    >>> x = numpy.ones((4, 3), numpy.float32)
    >>> c1, h1 = node(None, None, None, None, x)
    >>> c, h = node(c1, c1, h1, h1, x)
    >>> c.shape, h.shape
    ((4, 2), (4, 2))
    """

    def __init__(self, in_size, out_size, n_ary=2):
        assert n_ary >= 1
        super().__init__()
        with self.init_scope():
            self.W_x = Linear(in_size, (3 + n_ary) * out_size)
            for k in range(1, n_ary + 1):
                setattr(self, 'W_h%d' % k,
                        Linear(out_size, (3 + n_ary) * out_size, nobias=True))
        self.in_size = in_size
        self.state_size = out_size
        self.n_ary = n_ary

    def forward(self, *cshsx):
        """``forward(c_1, ..., c_n_ary, h_1, ..., h_n_ary, x)`` -> ``(c, h)``."""
        assert len(cshsx) == 2 * self.n_ary + 1
        zeros = self._zeros(cshsx)
        n, k = self.state_size, self.n_ary
        cs = [zeros(n) if c is None else c for c in cshsx[:k]]
        x = cshsx[-1]
        y = self.W_x(zeros(self.in_size) if x is None else x)
        for i, h in enumerate(cshsx[k:-1]):
            if h is not None:
                y = y + getattr(self, 'W_h%d' % (i + 1))(h)
        return F.tree_lstm(*cs, y)
