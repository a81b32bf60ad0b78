"""Sequential: a ChainList that calls its layers (links or plain functions) in order.

>>> import numpy, chainlite, chainlite.functions as F
>>> net = chainlite.Sequential(lambda x: x * 2, F.sum)
>>> float(net(numpy.ones(3)).array)
6.0
"""
import inspect

from chainlite.link import ChainList, Link


def _check_callable(layer, message):
    if not callable(layer):
        raise ValueError(message % (layer,))


def _shown(layer):
    """What ``str(sequential)`` shows for a layer: a lambda as its source line less a trailing
    comma, as in Chainer (its repr when there is no source, where Chainer raises OSError)."""
    if getattr(layer, '__name__', None) == '<lambda>':
        try:
            return inspect.getsource(layer).strip().rstrip(',')
        except (OSError, TypeError):
            pass
    return layer


_ARG_MESSAGE = 'All elements of the argument should be callable. But given %s is not callable.'
_ITEM_MESSAGE = ('All elements of a Sequential class should be callable. '
                 'But given %s is not callable.')


class Sequential(ChainList):
    """Layers applied one after another; functions may sit between links.

    It is a mutable sequence of its layers; indexing with a slice gives a plain list
    and ``+`` joins two Sequentials, as in Chainer.
    """

    def __init__(self, *layers):
        super().__init__()
        self._layers = []
        for layer in layers:
            _check_callable(layer, _ARG_MESSAGE)
        for layer in layers:
            self.append(layer)

    def __getitem__(self, index):
        return self._layers[index]

    def __setitem__(self, index, layer):
        # as in Chainer: the old layer is deleted, the new one inserted at its index
        _check_callable(layer, _ITEM_MESSAGE)
        index = range(len(self._layers))[index]  # (an IndexError for a bad index)
        del self[index]
        self.insert(index, layer)

    def __delitem__(self, index):
        removed = self._layers[index]
        del self._layers[index]
        for layer in removed if isinstance(index, slice) else [removed]:
            self._drop_child(layer)
        self._renumber()

    def _drop_child(self, layer):
        if isinstance(layer, Link):
            self._children.remove(layer)

    # Chainer's list methods, with its parameter names
    def insert(self, i, layer):
        """Inserts ``layer`` before layer ``i``.

        A link's place among the children (its number in parameter paths) is Chainer
        7.8.1's, so checkpoints move between the two: at ``i = 0`` it comes first, else
        it follows the child whose number is the layer index of the first link before
        ``i`` (0 without one). So ``Sequential(a, b, c)`` numbers a, c, b as 0, 1, 2.

        >>> import chainlite.links as L
        >>> a, b, c = L.Linear(1, 1), L.Linear(1, 2), L.Linear(1, 3)
        >>> [link is c for link in Sequential(a, b, c).children()]
        [False, True, False]
        """
        _check_callable(layer, _ARG_MESSAGE)
        n = len(self._layers)
        if not -n <= i <= n:
            raise IndexError('Index out of range: %d' % i)
        i = i + n if i < 0 else i
        self._layers.insert(i, layer)
        if isinstance(layer, Link):
            first = next((j for j in range(i) if isinstance(self._layers[j], Link)), 0)
            self._children.insert(0 if i == 0 else first + 1, layer)
            self._renumber()

    def append(self, layer):
        self.insert(len(self._layers), layer)

    def extend(self, sequential):
        for layer in list(sequential):
            self.append(layer)

    def pop(self, i=-1):
        layer = self._layers[i]
        del self[i]
        return layer

    def count(self, layer):
        return self._layers.count(layer)

    def index(self, layer, start=None, end=None):
        start = 0 if start is None else start
        return self._layers.index(layer, start, len(self._layers) if end is None else end)

    def add_link(self, link):
        self.append(link)

    def remove(self, layer):
        if layer not in self._layers:
            raise ValueError('There is no layer object that is same as %s' % (layer,))
        super().remove(layer)

    def __iter__(self):
        return iter(self._layers)

    def __len__(self):
        return len(self._layers)

    def __add__(self, other):
        if not isinstance(other, Sequential):
            raise ValueError('add (+) operator supports only objects of Sequential class, '
                             'but %s is given.' % type(other))
        return Sequential(*(self._layers + other._layers))

    def __iadd__(self, other):
        if not isinstance(other, Sequential):
            raise ValueError('add (+) operator supports only objects of Sequential class, '
                             'but %s is given.' % type(other))
        self.extend(other._layers)
        return self

    def __str__(self):
        return self._str_children((i, _shown(layer)) for i, layer in enumerate(self._layers))

    def forward(self, *x):
        if not self._layers:
            raise RuntimeError('Sequential does not have any layer.')
        for layer in self._layers:
            x = layer(*x) if isinstance(x, tuple) else layer(x)
        return x

    @staticmethod
    def _type_name(layer):
        return type(layer).__name__ if isinstance(layer, Link) else \
            getattr(layer, '__name__', type(layer).__name__)

    def count_by_layer_type(self, type_name):
        """Number of layers whose class name (or function name) is ``type_name``."""
        return sum(self._type_name(layer) == type_name for layer in self._layers)

    def remove_by_layer_type(self, type_name):
        """Removes every layer whose class name (or function name) is ``type_name``."""
        for layer in [layer for layer in self._layers if self._type_name(layer) == type_name]:
            self.remove(layer)

    def flatten(self):
        """Returns a Sequential with nested Sequentials expanded in place."""
        layers = []
        for layer in self._layers:
            layers.extend(layer.flatten()._layers if isinstance(layer, Sequential) else [layer])
        return Sequential(*layers)

    def copy(self, mode='share'):
        ret = super().copy(mode)
        copies = {id(child): new for child, new in zip(self._children, ret._children)}
        ret._layers = [copies[id(layer)] if isinstance(layer, Link) else layer
                       for layer in self._layers]
        return ret
