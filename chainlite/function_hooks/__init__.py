"""Function hooks (``chainer.function_hooks``): TimerHook and PrintHook.

They follow Chainer's protocol (``with hook:`` activates one for every function
applied in the thread). The core does not call hooks yet: entering one raises
NotImplementedError instead of silently recording nothing (see ``_hook``).
"""
from chainlite.function_hooks._hook import FunctionHook, get_function_hooks  # NOQA
from chainlite.function_hooks.debug_print import PrintHook  # NOQA
from chainlite.function_hooks.timer import TimerHook  # NOQA
