"""Chainer's test parameterization: ``product``, ``product_dict`` and ``parameterize``.

>>> product({'a': [1, 2], 'b': ['x']})
[{'a': 1, 'b': 'x'}, {'a': 2, 'b': 'x'}]
>>> product_dict([{'a': 1}, {'a': 2}], [{'b': 3}])
[{'a': 1, 'b': 3}, {'a': 2, 'b': 3}]
"""
import itertools
import sys


def product_dict(*parameters):
    """Every combination of one dict from each list, merged (later lists vary fastest)."""
    result = []
    for combination in itertools.product(*parameters):
        merged = {}
        for d in combination:
            merged.update(d)
        result.append(merged)
    return result


def product(parameter):
    """The Cartesian product of ``{name: [values]}`` as a list of dicts, or of a list of
    lists of dicts (as ``product_dict``)."""
    if isinstance(parameter, dict):
        keys = sorted(parameter)
        return [dict(zip(keys, values))
                for values in itertools.product(*(parameter[k] for k in keys))]
    if isinstance(parameter, (list, tuple)):
        return product_dict(*parameter)
    raise TypeError('product: expected a dict or a list of lists of dicts, got {}'
                    .format(type(parameter).__name__))


class _ParameterizedTestCaseBundle:
    """What ``parameterize`` leaves in place of the decorated class (so test runners
    collect only the generated classes, listed in ``cases``)."""

    def __init__(self, cases):
        self.cases = cases


def _case_name(base, index, params):
    # as Chainer: a class or function by its __name__ (dtype=float32, f=exp), else its repr
    body = ', '.join('{}={}'.format(k, getattr(params[k], '__name__', None) or repr(params[k]))
                     for k in sorted(params))
    return '{}_param_{}_{{{}}}'.format(base, index, body)


def parameterize(*params):
    """Class decorator: one test class per parameter dict, each with the dict's entries
    as class attributes (``self.name``), added to the class's module.

    >>> @parameterize({'n': 1}, {'n': 2})
    ... class TestDouble:
    ...     def test_positive(self):
    ...         assert self.n * 2 > 0
    >>> [cls.n for cls in TestDouble.cases]
    [1, 2]
    """
    def decorate(cls):
        module = sys.modules[cls.__module__]
        cases = []
        for index, p in enumerate(params):
            name = _case_name(cls.__name__, index, p)
            case = type(name, (cls,), dict(p))
            case.__module__ = cls.__module__
            setattr(module, name, case)
            cases.append(case)
        return _ParameterizedTestCaseBundle(cases)
    return decorate
