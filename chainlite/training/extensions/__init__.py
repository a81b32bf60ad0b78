"""Trainer extensions (``chainer.training.extensions``)."""
from chainlite.training.extensions.dump_graph import DumpGraph  # NOQA
from chainlite.training.extensions.evaluator import Evaluator  # NOQA
from chainlite.training.extensions.fail_on_nonnumber import FailOnNonNumber  # NOQA
from chainlite.training.extensions.log_report import LogReport  # NOQA
from chainlite.training.extensions.parameter_statistics import ParameterStatistics  # NOQA
from chainlite.training.extensions.plot_report import PlotReport  # NOQA
from chainlite.training.extensions.print_report import PrintReport  # NOQA
from chainlite.training.extensions.progress_bar import ProgressBar  # NOQA
from chainlite.training.extensions import snapshot_writers  # NOQA
from chainlite.training.extensions.snapshot import snapshot, snapshot_object  # NOQA
from chainlite.training.extensions.value_observation import observe_lr, observe_value  # NOQA
from chainlite.training.extensions.value_shift import (  # NOQA
    ExponentialShift, InverseShift, LinearShift, MultistepShift, PolynomialShift, StepShift,
    WarmupShift)
from chainlite.training.extensions.micro_average import MicroAverage  # NOQA
from chainlite.training.extensions.variable_unchain import unchain_variables  # NOQA
from chainlite.training.extensions.variable_statistics_plot import VariableStatisticsPlot  # NOQA
from chainlite.training.extensions import variable_statistics_plot  # NOQA

# Chainer's extensions.dump_graph is DumpGraph itself (not a module): this name must come
# after the import of the dump_graph module, which binds the module to it.
dump_graph = DumpGraph

from chainlite.utils import not_provided as _not_provided  # NOQA: E402

__getattr__ = _not_provided('chainer.training.extensions')
