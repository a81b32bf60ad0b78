"""Core parity with Chainer 7.8.1: Link/Chain/ChainList/Sequential, Variable, Parameter,
FunctionNode/Function, chainlite.grad and the reporter.

Each probe in tools/goldens/parity_core.py returns a JSON observation (paths, key sets, reprs,
flags, error class names); tests/data/parity_core.npz holds what Chainer returned. Here the same
probes run on chainlite and each observation is compared on its own.
"""
import json
import warnings

import numpy
import pytest

import chainlite
import chainlite.functions as F
import chainlite.links as L

import golden_scripts

probes = golden_scripts.script('parity_core')
GOLDEN = {k: json.loads(str(v)) for k, v in
          golden_scripts.data('parity_core').items()}
CORE = [name for name in probes.PROBES if not name.startswith('training_')]

# Known differences from Chainer, (probe, key) -> reason; each becomes a strict xfail, so
# fixing the difference makes it pass. (None at present.)
KNOWN = {}

_cache = {}


def observe(probe):
    if probe not in _cache:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')  # the probes poke at deprecated and odd corners
            _cache[probe] = json.loads(json.dumps(probes.PROBES[probe](chainlite)))
    return _cache[probe]


def cases(names):
    out = []
    for probe in names:
        if probe not in GOLDEN:
            continue  # test_every_probe_has_a_golden reports it
        expected = GOLDEN[probe]
        keys = sorted(expected) if isinstance(expected, dict) else [None]
        for key in keys:
            marks = []
            if (probe, key) in KNOWN:
                marks = [pytest.mark.xfail(strict=True, reason=KNOWN[probe, key])]
            out.append(pytest.param(probe, key, marks=marks, id='%s-%s' % (probe, key)))
    return out


def check(probe, key):
    expected = GOLDEN[probe]
    got = observe(probe)
    if key is not None:
        assert set(got) == set(expected)
        expected, got = expected[key], got[key]
    assert probes.matches(expected, got), 'chainer: %r\nchainlite: %r' % (expected, got)


@pytest.mark.parametrize('probe, key', cases(CORE))
def test_matches_chainer(probe, key):
    check(probe, key)


def test_every_probe_has_a_golden():
    assert set(probes.PROBES) == set(GOLDEN)


def test_matcher_can_fail():
    assert not probes.matches(['err', 'KeyError'], ['err', 'ValueError'])
    assert probes.matches(['err', 'AttributeError'], ['err', 'X|TypeError|AttributeError'])
    assert not probes.matches({'a': 1}, {'a': 1, 'b': 2})
    assert not probes.matches([1, 2], [1])


# Direct checks of the behaviour the goldens pinned down, independent of the probe code.

def test_paths_walk_names_in_sorted_order():
    c = chainlite.Chain(zeta=L.Linear(1, 1), alpha=L.Linear(1, 1))
    with c.init_scope():
        c.w = chainlite.Parameter(numpy.zeros(1, 'f'))
        c.b = chainlite.Parameter(numpy.zeros(1, 'f'))
    assert [p for p, _ in c.namedparams()] == [
        '/b', '/w', '/alpha/W', '/alpha/b', '/zeta/W', '/zeta/b']
    assert [link.name for link in c.children()] == ['alpha', 'zeta']


def test_link_without_forward_is_attribute_error():
    assert not hasattr(chainlite.Link(), 'forward')
    with pytest.raises(AttributeError, match='forward'):
        chainlite.Link()(1)


def test_chainlist_is_a_mutable_sequence_of_links():
    a, b, c = L.Linear(1, 1), L.Linear(1, 2), L.Linear(1, 3)
    cl = chainlite.ChainList(a, b)
    cl.insert(0, c)
    assert [x.name for x in cl] == ['0', '1', '2'] and cl[0] is c
    del cl[0]
    assert cl[0] is a and a.name == '0'
    assert cl.pop() is b and len(cl) == 1
    assert cl[0:1] == [a]
    with pytest.raises(AttributeError):
        cl.append(3)
    with pytest.raises(TypeError):
        cl[0] = 3


def test_sequential_sequence_protocol_and_errors():
    s = chainlite.Sequential(L.Linear(1, 2), F.relu)
    assert isinstance(s[0:2], list)
    with pytest.raises(ValueError, match='callable'):
        s.append(3)
    with pytest.raises(ValueError, match='Sequential'):
        s + F.relu
    with pytest.raises(RuntimeError, match='any layer'):
        chainlite.Sequential()(numpy.ones(1, 'f'))
    s += chainlite.Sequential(L.Linear(2, 1))
    assert [p for p, _ in s.namedparams()] == ['/0/W', '/0/b', '/1/W', '/1/b']
    s[1] = L.Linear(2, 2)
    assert [x.name for x in s.children()] == ['0', '1', '2']
    assert s.count_by_layer_type('Linear') == 3
    s.remove_by_layer_type('Linear')
    assert len(s) == 0


def test_str_layout_nests_children():
    s = chainlite.Sequential(F.relu, chainlite.ChainList(chainlite.Link()))
    assert str(s).splitlines()[0] == 'Sequential('
    assert str(s).splitlines()[2:5] == ['  (1): ChainList(', '    (0): Link(),', '  ),']
    assert str(chainlite.Chain()) == 'Chain()'


def test_copy_keeps_the_name_unless_shared():
    c = chainlite.Chain()
    c.name = 'top'
    assert c.copy('copy').name == 'top' and c.copy('init').name == 'top'
    assert c.copy().name is None


def test_reassigning_a_child_link_in_init_scope_is_an_error():
    c = chainlite.Chain(l1=L.Linear(1, 1))
    with pytest.raises(AttributeError, match='l1'):
        with c.init_scope():
            c.l1 = L.Linear(1, 1)


def test_count_params_warns_about_uninitialized_parameters():
    with pytest.warns(UserWarning, match="'/W' has not been initialized"):
        assert L.Linear(None, 2).count_params() == 2
