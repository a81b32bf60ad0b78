"""Updaters: one training step per call (Chainer's ``StandardUpdater``).

>>> import numpy, chainlite
>>> from chainlite import links as L, optimizers, iterators, datasets, training
>>> data = datasets.TupleDataset(numpy.ones((4, 2), 'f'), numpy.zeros(4, 'i'))
>>> model = L.Classifier(L.Linear(2, 2))
>>> opt = optimizers.SGD().setup(model)
>>> updater = training.updaters.StandardUpdater(iterators.SerialIterator(data, 2), opt)
>>> updater.update()
>>> updater.iteration
1
"""
from chainlite.dataset import convert


class Updater:
    """Interface of updaters."""

    def connect_trainer(self, trainer):
        """Called by the Trainer before training starts."""

    def finalize(self):
        """Called when training ends."""

    def get_optimizer(self, name):
        raise NotImplementedError

    def get_all_optimizers(self):
        raise NotImplementedError

    def update(self):
        raise NotImplementedError

    def serialize(self, serializer):
        raise NotImplementedError


class StandardUpdater(Updater):
    """Takes a batch from the iterator, converts it, and runs the optimizer once.

    Args:
        iterator: an iterator, or a dict of them (``'main'`` is used for training).
        optimizer: an optimizer, or a dict of them (``'main'`` is used).
        converter: turns a list of examples into arrays (default ``concat_examples``).
        device: where the converted arrays go.
        loss_func: the loss (default: the main optimizer's target).
        loss_scale: multiplies the loss before backward (see ``Variable.backward``).
        auto_new_epoch: call ``optimizer.new_epoch()`` at every new epoch.
    """

    def __init__(self, iterator, optimizer, converter=convert.concat_examples, device=None,
                 loss_func=None, loss_scale=None, auto_new_epoch=True, *, input_device=None):
        if device is not None and input_device is not None:
            raise ValueError('StandardUpdater: give either device or input_device, not both')
        if not isinstance(iterator, dict):
            iterator = {'main': iterator}
        if not isinstance(optimizer, dict):
            optimizer = {'main': optimizer}
        self._iterators = iterator
        self._optimizers = optimizer
        self.converter = converter
        self.device = convert._get_device_or_none(device if device is not None else input_device)
        self.input_device = self.device
        self.loss_func = loss_func
        self.loss_scale = loss_scale
        if loss_scale is not None:
            for opt in optimizer.values():
                opt.set_loss_scale(loss_scale)
        self.auto_new_epoch = auto_new_epoch
        if auto_new_epoch:
            for opt in optimizer.values():
                opt.use_auto_new_epoch = True
        self.iteration = 0

    @property
    def epoch(self):
        return self._iterators['main'].epoch

    @property
    def epoch_detail(self):
        return self._iterators['main'].epoch_detail

    @property
    def previous_epoch_detail(self):
        return self._iterators['main'].previous_epoch_detail

    @property
    def is_new_epoch(self):
        return self._iterators['main'].is_new_epoch

    def finalize(self):
        for iterator in self._iterators.values():
            finalize = getattr(iterator, 'finalize', None)
            if finalize is not None:
                finalize()

    def get_optimizer(self, name):
        return self._optimizers[name]

    def get_all_optimizers(self):
        return dict(self._optimizers)

    def get_iterator(self, name):
        return self._iterators[name]

    def update(self):
        """Runs one step and counts it."""
        self.update_core()
        self.iteration += 1

    def update_core(self):
        iterator = self._iterators['main']
        batch = iterator.next()
        in_arrays = convert._call_converter(self.converter, batch, self.device)
        optimizer = self._optimizers['main']
        loss_func = self.loss_func or optimizer.target
        if isinstance(in_arrays, tuple):
            optimizer.update(loss_func, *in_arrays)
        elif isinstance(in_arrays, dict):
            optimizer.update(loss_func, **in_arrays)
        else:
            optimizer.update(loss_func, in_arrays)
        if self.auto_new_epoch and iterator.is_new_epoch:
            optimizer.new_epoch(auto=True)

    def serialize(self, serializer):
        for name, iterator in self._iterators.items():
            iterator.serialize(serializer['iterator:' + name])
        for name, optimizer in self._optimizers.items():
            optimizer.serialize(serializer['optimizer:' + name])
            optimizer.target.serialize(serializer['model:' + name])
        self.iteration = serializer('iteration', self.iteration)
