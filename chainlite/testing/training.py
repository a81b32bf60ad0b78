"""A Trainer driven by a do-nothing updater, for testing extensions and triggers.

>>> trainer = get_trainer_with_mock_updater((5, 'iteration'), iter_per_epoch=2)
>>> trainer.run()
>>> trainer.updater.iteration, trainer.updater.epoch, trainer.updater.epoch_detail
(5, 2, 2.5)
"""


class _MockOptimizer:
    """Stands in for the updater's optimizer (extensions like ExponentialShift set
    hyperparameters on it)."""

    lr = 0.01

    def serialize(self, serializer):
        pass


def _mock_updater(iter_per_epoch):
    from chainlite.training import updater

    class MockUpdater(updater.Updater):
        def __init__(self):
            self.iteration = 0
            self.epoch = 0
            self.epoch_detail = 0.0
            self.previous_epoch_detail = None
            self.is_new_epoch = False
            self.optimizer = _MockOptimizer()

        def update(self):
            self.previous_epoch_detail = self.epoch_detail
            self.iteration += 1
            epoch = self.iteration // iter_per_epoch
            self.is_new_epoch = epoch != self.epoch
            self.epoch = epoch
            self.epoch_detail = self.iteration / iter_per_epoch

        def get_optimizer(self, name):
            return self.optimizer

        def get_all_optimizers(self):
            return {}

        def serialize(self, serializer):
            self.iteration = serializer('iteration', self.iteration)
            self.epoch = serializer('epoch', self.epoch)
            self.epoch_detail = serializer('epoch_detail', self.epoch_detail)

    return MockUpdater()


def get_trainer_with_mock_updater(stop_trigger=(10, 'iteration'), iter_per_epoch=10,
                                  extensions=None):
    """A ``Trainer`` (output in a fresh temporary directory) whose updater only counts:
    each update advances ``iteration`` by one, with ``iter_per_epoch`` per epoch."""
    import tempfile
    from chainlite import training
    trainer = training.Trainer(_mock_updater(iter_per_epoch), stop_trigger,
                               out=tempfile.mkdtemp(prefix='chainlite_test_'))
    for extension in extensions or ():
        trainer.extend(extension)
    return trainer
