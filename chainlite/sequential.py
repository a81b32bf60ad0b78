"""Sequential: a ChainList that calls its layers (links or plain functions) in order.

>>> import numpy, chainlite, chainlite.functions as F
>>> net = chainlite.Sequential(lambda x: x * 2, F.sum)
>>> float(net(numpy.ones(3)).array)
6.0
"""
from chainlite.link import ChainList, Link


class Sequential(ChainList):
    """Layers applied one after another; functions may sit between links."""

    def __init__(self, *layers):
        super().__init__()
        self._layers = []
        for layer in layers:
            self.append(layer)

    def _check(self, layer):
        if not callable(layer):
            raise TypeError('Sequential: %r is neither a Link nor a callable' % (layer,))

    def _relink(self):
        self._children = [layer for layer in self._layers if isinstance(layer, Link)]
        for i, child in enumerate(self._children):
            child.name = str(i)
        self._reparent()

    def append(self, layer):
        self._check(layer)
        self._layers.append(layer)
        self._relink()

    def extend(self, layers):
        for layer in layers:
            self.append(layer)

    def insert(self, index, layer):
        self._check(layer)
        self._layers.insert(index, layer)
        self._relink()

    def remove(self, layer):
        self._layers.remove(layer)
        self._relink()

    def pop(self, index=-1):
        layer = self._layers.pop(index)
        self._relink()
        return layer

    def clear(self):
        self._layers = []
        self._relink()

    def index(self, layer, *args):
        return self._layers.index(layer, *args)

    def count(self, layer):
        return self._layers.count(layer)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Sequential(*self._layers[index])
        return self._layers[index]

    def __iter__(self):
        return iter(self._layers)

    def __len__(self):
        return len(self._layers)

    def __add__(self, other):
        layers = list(other._layers) if isinstance(other, Sequential) else [other]
        return Sequential(*(self._layers + layers))

    def add_link(self, link):
        self.append(link)

    def forward(self, *x):
        for layer in self._layers:
            x = layer(*x) if isinstance(x, tuple) else layer(x)
        return x

    def flatten(self):
        """Returns a Sequential with nested Sequentials expanded in place."""
        layers = []
        for layer in self._layers:
            layers.extend(layer.flatten()._layers if isinstance(layer, Sequential) else [layer])
        return Sequential(*layers)

    def copy(self, mode='share'):
        ret = super().copy(mode)
        children = iter(ret._children)
        ret._layers = [next(children) if isinstance(layer, Link) else layer
                       for layer in self._layers]
        return ret
