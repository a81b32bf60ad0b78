"""Pickle dataset files written by Chainer 7.8.1 (chainer.datasets.PickleDatasetWriter)
and what chainer.datasets.PickleDataset reads back from them.

Runs in the reference environment: python pickle_dataset.py OUT.npz
The tests import FILES and encode() from this file (tests/test_datasets_pickle.py).

Keys, for each file name in FILES:
  raw/<file>            the bytes Chainer's writer wrote (uint8)
  len/<file>            len() of Chainer's reader over them
  read/<file>/<i>/...   encode() of the i-th example Chainer's reader returned
"""
import io
import sys

import numpy


def _values():
    r = numpy.random.RandomState(0)
    return [
        0, 7, -12345678901234, 'hello', '',
        (r.randn(2, 3).astype(numpy.float32), numpy.arange(4, dtype=numpy.int32)),
        (numpy.array(3.5), 'tuple', 1),
        2 ** 70,
    ]


# file name -> (protocol or None for the writer's default, values)
FILES = {
    'mixed_default': (None, _values()),
    'mixed_protocol2': (2, _values()),
    'plain_protocol0': (0, [1, 'a', (2, 'b'), 3]),
    'plain_protocol4': (4, [1, 'a', (2, 'b'), 3, 'x' * 100]),
    'plain_default': (None, [1, 'a', (2, 'b'), 3, 'x' * 100]),
    'empty': (None, []),
}


def encode(x, prefix):
    """Flattens an example (int, str, numpy array or tuple of them) into arrays."""
    if isinstance(x, tuple):
        out = {prefix + '/type': numpy.array('tuple'), prefix + '/len': numpy.array(len(x))}
        for i, item in enumerate(x):
            out.update(encode(item, '%s/%d' % (prefix, i)))
        return out
    if isinstance(x, numpy.ndarray):
        return {prefix + '/type': numpy.array('ndarray'), prefix + '/value': x}
    if isinstance(x, int):
        return {prefix + '/type': numpy.array('int'), prefix + '/value': numpy.array(str(x))}
    if isinstance(x, str):
        return {prefix + '/type': numpy.array('str'), prefix + '/value': numpy.array(x)}
    raise TypeError(type(x))


def main(out):
    import chainer.datasets
    data = {}
    for name, (protocol, values) in FILES.items():
        stream = io.BytesIO()
        kwargs = {} if protocol is None else {'protocol': protocol}
        writer = chainer.datasets.PickleDatasetWriter(stream, **kwargs)
        for v in values:
            writer.write(v)
        writer.flush()
        raw = stream.getvalue()
        data['raw/' + name] = numpy.frombuffer(raw, numpy.uint8)
        dataset = chainer.datasets.PickleDataset(io.BytesIO(raw))
        data['len/' + name] = numpy.array(len(dataset))
        for i in range(len(dataset)):
            data.update(encode(dataset[i], 'read/%s/%d' % (name, i)))
        dataset.close()
    numpy.savez_compressed(out, **data)


if __name__ == '__main__':
    main(sys.argv[1])
