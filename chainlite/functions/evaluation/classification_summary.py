"""Per-class precision, recall, F-beta score and support."""
import numpy

from chainlite import backend
from chainlite.function_node import FunctionNode
from chainlite.functions.evaluation import _util


class ClassificationSummary(FunctionNode):
    """Per-class precision, recall, F-beta and support of argmax predictions (not differentiable).

    Outputs are float64 (support: int64) arrays of length ``label_num``; a 0/0
    ratio is NaN, as in Chainer.
    """

    def __init__(self, label_num, beta, ignore_label):
        self.label_num = label_num
        self.beta = beta
        self.ignore_label = ignore_label

    def check_type_forward(self, in_types):
        _util.expect_scores_and_labels(in_types)

    def forward(self, inputs):
        x, t = inputs
        xp = backend.get_array_module(x)
        pred = _util.predictions(x, t.shape).ravel()
        true = t.ravel()
        label_num = self.label_num
        if label_num is None:
            # Chainer counts the ignored label too: label_num = max(t) + 1.
            label_num = int(true.max()) + 1 if true.size else 0
        kept = true != self.ignore_label
        pred, true = pred[kept], true[kept]
        if true.size and int(true.min()) < 0:
            raise ValueError('classification_summary: labels must be non-negative or '
                             'ignore_label (%r); got %d' % (self.ignore_label, int(true.min())))

        def count(labels):
            # Labels >= label_num land in the extra bin, which is dropped.
            labels = xp.minimum(labels, label_num)
            return xp.bincount(labels, minlength=label_num + 1)[:label_num]

        support = count(true)
        relevant = count(pred)
        true_positive = count(xp.where(pred == true, true, label_num))
        with numpy.errstate(divide='ignore', invalid='ignore'):
            precision = true_positive / relevant
            recall = true_positive / support
            beta2 = self.beta ** 2
            fbeta = (1 + beta2) * precision * recall / (beta2 * precision + recall)
        return precision, recall, fbeta, support.astype(numpy.int64)


def classification_summary(y, t, label_num=None, beta=1.0, ignore_label=-1):
    """Per-class ``(precision, recall, fbeta_score, support)`` of scores ``y`` against labels ``t``.

    ``y`` is ``(N, C, ...)``, ``t`` is ``(N, ...)``; the prediction is the argmax
    over axis 1. ``label_num`` defaults to ``max(t) + 1``; labels equal to
    ``ignore_label`` are left out.

    >>> import numpy, chainlite.functions as F
    >>> y = numpy.eye(2, dtype=numpy.float32)[[0, 1, 1]]
    >>> p, r, f, s = F.classification_summary(y, numpy.array([0, 1, 0], numpy.int32))
    >>> p.array, r.array, s.array
    (array([1. , 0.5]), array([0.5, 1. ]), array([2, 1]))
    """
    return ClassificationSummary(label_num, beta, ignore_label).apply((y, t))


def precision(y, t, label_num=None, ignore_label=-1):
    """Per-class precision and support: ``(precision, support)``, see classification_summary."""
    ret = classification_summary(y, t, label_num, 1.0, ignore_label)
    return ret[0], ret[-1]


def recall(y, t, label_num=None, ignore_label=-1):
    """Per-class recall and support: ``(recall, support)``, see classification_summary."""
    ret = classification_summary(y, t, label_num, 1.0, ignore_label)
    return ret[1], ret[-1]


def fbeta_score(y, t, label_num=None, beta=1.0, ignore_label=-1):
    """Per-class F-beta score and support: ``(fbeta, support)``, see classification_summary."""
    ret = classification_summary(y, t, label_num, beta, ignore_label)
    return ret[2], ret[-1]


def f1_score(y, t, label_num=None, ignore_label=-1):
    """Per-class F1 score and support: ``(f1, support)``, see classification_summary."""
    return fbeta_score(y, t, label_num, 1.0, ignore_label)
