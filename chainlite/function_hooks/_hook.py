"""The hook protocol lives in the core (:mod:`chainlite.function_hook`); re-exported here."""
from chainlite.function_hook import FunctionHook, get_function_hooks  # NOQA
