"""PrintHook: prints each function application's inputs (and gradients in backward)."""
import sys

from chainlite import backend
from chainlite.function_hook import FunctionHook
from chainlite.variable import Variable


class PrintHook(FunctionHook):
    """Prints the function name and a summary of each input (shape, dtype, statistics)
    before every forward, and of the output gradients before every backward (each as a
    zero-filled variable whose grad is the gradient, as Chainer prints them)."""

    name = 'PrintHook'

    def __init__(self, sep=None, end='\n', file=None, flush=True):
        self.sep = sep
        self.end = end
        self.file = file
        self.flush = flush

    def _print(self, message):
        file = sys.stdout if self.file is None else self.file
        print(message, sep=self.sep, end=self.end, file=file)
        if self.flush and hasattr(file, 'flush'):
            file.flush()

    def forward_preprocess(self, function, in_data):
        self._print('function\t%s' % function.label)
        self._print('input data')
        for a in in_data:
            self._print('(removed)' if a is None else Variable(a).debug_print())

    def backward_preprocess(self, function, in_data, out_grad):
        self.forward_preprocess(function, in_data)
        self._print('output gradient')
        for g in out_grad:  # as Chainer shows them: zero-filled variables carrying them
            v = Variable(None if g is None else backend.get_array_module(g).zeros_like(g))
            v.grad = g
            self._print(v.debug_print())
