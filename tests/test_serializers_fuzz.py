"""Fuzzing the npz loader: random byte mutations of a valid file never load a wrong number,
never raise anything but ValueError (or LoadError), and leave the target unchanged on failure."""
import io

import numpy
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import chainlite
from chainlite import serializers


class _Model(chainlite.Chain):
    def __init__(self, seed):
        super().__init__()
        rng = numpy.random.RandomState(seed)
        with self.init_scope():
            self.W = chainlite.Parameter(rng.uniform(-1, 1, (6, 5)).astype(numpy.float32))
            self.b = chainlite.Parameter(rng.uniform(-1, 1, 6).astype(numpy.float64))
        self.add_persistent('count', 3)


def _values(model):
    return model.W.array.copy(), model.b.array.copy(), model.count


def _file(compression):
    buffer = io.BytesIO()
    serializers.save_npz(buffer, _Model(0), compression=compression)
    return buffer.getvalue()


FILES = {True: _file(True), False: _file(False)}
SAVED, UNTOUCHED = _values(_Model(0)), _values(_Model(1))

edits = st.lists(st.tuples(st.sampled_from(['set', 'delete', 'insert']), st.floats(0, 1),
                           st.binary(min_size=1, max_size=8)), min_size=1, max_size=4)


def _mutate(data, operations):
    data = bytearray(data)
    for op, where, payload in operations:
        i = min(int(where * len(data)), len(data) - 1)
        if op == 'set':
            data[i:i + len(payload)] = payload[:len(data) - i]
        elif op == 'delete':
            del data[i:i + len(payload)]
        else:
            data[i:i] = payload
    return bytes(data)


def _same(a, b):
    return all(numpy.array_equal(x, y) for x, y in zip(a, b))


@pytest.mark.slow
@settings(max_examples=3000, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(compression=st.booleans(), operations=edits)
def test_mutated_files_load_exactly_or_fail_cleanly(compression, operations):
    model = _Model(1)
    try:
        serializers.load_npz(io.BytesIO(_mutate(FILES[compression], operations)), model)
    except ValueError:  # LoadError is a ValueError too
        assert _same(_values(model), UNTOUCHED)
    else:
        assert _same(_values(model), SAVED)
