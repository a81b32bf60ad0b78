"""Function hooks (``chainer.function_hooks``): TimerHook and PrintHook.

They follow Chainer's protocol: ``with hook:`` activates one for every function
applied (and every backward step) in the thread.

>>> import numpy, chainlite
>>> with chainlite.function_hooks.TimerHook() as timer:
...     chainlite.functions.relu(chainlite.Variable(numpy.ones(3))).array.tolist()
[1.0, 1.0, 1.0]
>>> [name for name, _ in timer.call_history]
['ReLU']
"""
from chainlite.function_hook import FunctionHook, get_function_hooks  # NOQA
from chainlite.function_hooks.debug_print import PrintHook  # NOQA
from chainlite.function_hooks.timer import TimerHook  # NOQA
