"""DumpGraph: writes the computational graph of a reported value in Graphviz dot format."""
import os

from chainlite import computational_graph
from chainlite.training import extension

# Chainer's DumpGraph draws with these styles when none is given (grey octagons for
# variables, blue records for functions), not with the plain graph's defaults.
_VAR_STYLE = {'shape': 'octagon', 'fillcolor': '#E0E0E0', 'style': 'filled'}
_FUNC_STYLE = {'shape': 'record', 'fillcolor': '#6495ED', 'style': 'filled'}


class DumpGraph(extension.Extension):
    """Dumps the graph behind ``trainer.observation[root_name]`` once, to ``out/filename``.

    >>> DumpGraph('main/loss')._root_name
    'main/loss'
    """

    default_name = 'dump_graph'

    def __init__(self, root_name, filename=None, variable_style=None, function_style=None,
                 **kwargs):
        # out_name is Chainer's older spelling of filename.
        filename = extension._filename(filename, kwargs, 'out_name', 'cg.dot')
        if kwargs:
            raise TypeError('DumpGraph: unexpected keyword arguments %s' % sorted(kwargs))
        self._root_name = root_name
        self._filename = filename
        self._variable_style = _VAR_STYLE if variable_style is None else variable_style
        self._function_style = _FUNC_STYLE if function_style is None else function_style
        self._original_flag = None
        self._flag_called = False

    def trigger(self, trainer):
        """Fires once: on the first iteration (Chainer's DumpGraph is its own trigger)."""
        if self._flag_called:
            return False
        self._flag_called = True
        return True

    def initialize(self, trainer):
        from chainlite.configuration import global_config
        if not self._flag_called:
            self._original_flag = global_config.keep_graph_on_report
            global_config.keep_graph_on_report = True

    def __call__(self, trainer):
        try:
            var = trainer.observation[self._root_name]
        except KeyError:
            raise KeyError('DumpGraph: %r is not in the observation (have: %s)'
                           % (self._root_name, ', '.join(sorted(trainer.observation))))
        cg = computational_graph.build_computational_graph(
            [var], variable_style=self._variable_style, function_style=self._function_style)
        os.makedirs(trainer.out, exist_ok=True)
        with open(os.path.join(trainer.out, self._filename), 'w') as f:
            f.write(cg.dump())
        self.finalize()

    def finalize(self):
        from chainlite.configuration import global_config
        if self._original_flag is not None:
            global_config.keep_graph_on_report = self._original_flag
            self._original_flag = None

    def serialize(self, serializer):
        self._flag_called = bool(serializer('_flag_called', self._flag_called))
