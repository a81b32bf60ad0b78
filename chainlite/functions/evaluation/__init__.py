"""chainlite.functions: evaluation metrics (not differentiable)."""
from chainlite.functions.evaluation.accuracy import accuracy
from chainlite.functions.evaluation.binary_accuracy import binary_accuracy
from chainlite.functions.evaluation.classification_summary import (
    classification_summary, f1_score, precision, recall)
from chainlite.functions.evaluation.r2_score import r2_score

__all__ = ['accuracy', 'binary_accuracy', 'classification_summary', 'f1_score', 'precision',
           'r2_score', 'recall']
