"""The computational graph behind Variables, as Graphviz dot text.

>>> import numpy, chainlite
>>> x = chainlite.Variable(numpy.ones(2, 'f'), name='x')
>>> g = build_computational_graph([chainlite.functions.sum(x * 2)])
>>> 'digraph graphname' in g.dump()
True
"""
from chainlite.function_node import FunctionNode
from chainlite.variable import Variable, VariableNode

_VAR_STYLE = {'shape': 'octagon', 'fillcolor': '#E0E0E0', 'style': 'filled'}
_FUNC_STYLE = {'shape': 'record', 'fillcolor': '#6495ED', 'style': 'filled'}


class ComputationalGraph:
    """Nodes (VariableNodes and FunctionNodes) and the edges between them."""

    def __init__(self, nodes, edges, variable_style='default', function_style='default',
                 rankdir='TB', remove_variable=False, show_name=True):
        self.nodes = nodes
        self.edges = edges
        self.variable_style = _VAR_STYLE if variable_style == 'default' else variable_style
        self.function_style = _FUNC_STYLE if function_style == 'default' else function_style
        if rankdir not in ('TB', 'BT', 'LR', 'RL'):
            raise ValueError('rankdir must be in TB, BT, LR or RL (got %r).' % (rankdir,))
        self.rankdir = rankdir
        self.remove_variable = remove_variable
        self.show_name = show_name

    def _label(self, node):
        if isinstance(node, VariableNode):
            if self.show_name and node.name:
                return '%s: %s' % (node.name, node.label)
            return node.label
        return node.label

    def _attrs(self, node):
        # Chainer's layout: label, shape (variables are ovals and functions boxes unless the
        # style says otherwise), then the rest of the style in its own order.
        is_var = isinstance(node, VariableNode)
        attrs = {'label': self._label(node), 'shape': 'oval' if is_var else 'box'}
        attrs.update((self.variable_style if is_var else self.function_style) or {})
        return ','.join('%s="%s"' % (k, str(v).replace('"', '\\"')) for k, v in attrs.items())

    def _to_dot(self):
        parts = ['digraph graphname{rankdir=%s;' % self.rankdir]
        for node in self.nodes:
            parts.append('%d [%s];' % (id(node), self._attrs(node)))
        for head, tail in self.edges:
            parts.append('%d -> %d;' % (id(head), id(tail)))
        parts.append('}')
        return ''.join(parts)  # one line, as Chainer writes it

    def dump(self, format='dot'):
        """Returns the graph as text (only the ``'dot'`` format exists)."""
        if format != 'dot':
            raise NotImplementedError('ComputationalGraph.dump supports only format="dot"')
        return self._to_dot()


def build_computational_graph(outputs, remove_split=True, variable_style='default',
                              function_style='default', rankdir='TB', remove_variable=False,
                              show_name=True):
    """Collects every node and edge reachable backward from ``outputs`` (an edge once,
    however often a function takes the same input)."""
    if not remove_split:
        raise ValueError('build_computational_graph: remove_split=False is not supported')
    if isinstance(outputs, (Variable, VariableNode)):
        outputs = [outputs]
    nodes, edges = [], []
    seen = set()
    seen_edges = set()
    stack = []

    def visit(node):
        if id(node) not in seen:
            seen.add(id(node))
            nodes.append(node)
            stack.append(node)

    def connect(head, tail):
        key = (id(head), id(tail))
        if key not in seen_edges:
            seen_edges.add(key)
            edges.append((head, tail))

    for out in outputs:
        visit(out.node if isinstance(out, Variable) else out)
    while stack:
        node = stack.pop()
        if isinstance(node, VariableNode):
            creator = node.creator_node
            if creator is not None:
                connect(creator, node)
                visit(creator)
        elif isinstance(node, FunctionNode):
            for inp in node.inputs or ():
                connect(inp, node)
                visit(inp)
    if remove_variable:
        nodes = [n for n in nodes if isinstance(n, FunctionNode)]
        edges = []
        for f in nodes:
            for inp in f.inputs or ():
                if inp.creator_node is not None:
                    connect(inp.creator_node, f)
    return ComputationalGraph(nodes, edges, variable_style, function_style, rankdir,
                              remove_variable, show_name)
