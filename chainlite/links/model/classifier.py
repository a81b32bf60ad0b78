"""A chain that wraps a predictor with a loss (and accuracy) for supervised training."""
from chainlite import functions as F
from chainlite import link


def _report(values, observer):
    from chainlite import reporter  # the reporter sits above the links: import it lazily
    reporter.report(values, observer)


class Classifier(link.Chain):
    """``loss = lossfun(predictor(*x), t)``; also ``accfun`` when ``compute_accuracy``.

    The label ``t`` is the positional argument at ``label_key`` (an int, default
    the last one) or the keyword argument named ``label_key`` (a str); every
    other argument goes to the predictor. ``y``, ``loss`` and ``accuracy`` keep
    the last values, and 'loss' and 'accuracy' are reported to the reporter.

    >>> import numpy, chainlite.links as L
    >>> model = L.Classifier(L.Linear(4, 3))
    >>> loss = model(numpy.ones((2, 4), numpy.float32), numpy.array([0, 2], numpy.int32))
    >>> loss.shape, model.accuracy is not None
    ((), True)
    """

    compute_accuracy = True

    def __init__(self, predictor, lossfun=F.softmax_cross_entropy, accfun=F.accuracy,
                 label_key=-1):
        if not isinstance(label_key, (int, str)):
            raise TypeError('Classifier: label_key must be an int or a str, got %s'
                            % type(label_key))
        super().__init__()
        self.lossfun = lossfun
        self.accfun = accfun
        self.y = None
        self.loss = None
        self.accuracy = None
        self.label_key = label_key
        with self.init_scope():
            self.predictor = predictor

    def forward(self, *args, **kwargs):
        if isinstance(self.label_key, int):
            if not -len(args) <= self.label_key < len(args):
                raise ValueError('Classifier: label_key %d is out of range for %d positional '
                                 'argument(s)' % (self.label_key, len(args)))
            t = args[self.label_key]
            key = self.label_key % len(args)
            args = args[:key] + args[key + 1:]
        else:
            if self.label_key not in kwargs:
                raise ValueError('Classifier: the label keyword argument %r was not given'
                                 % self.label_key)
            kwargs = dict(kwargs)
            t = kwargs.pop(self.label_key)
        self.y = None
        self.loss = None
        self.accuracy = None
        self.y = self.predictor(*args, **kwargs)
        self.loss = self.lossfun(self.y, t)
        _report({'loss': self.loss}, self)
        if self.compute_accuracy:
            self.accuracy = self.accfun(self.y, t)
            _report({'accuracy': self.accuracy}, self)
        return self.loss
