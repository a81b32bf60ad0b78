"""dataset.ConcatWithAsyncTransfer: Chainer's stream converter, synchronous in chainlite."""
import numpy

from chainlite.dataset import ConcatWithAsyncTransfer, concat_examples


def test_concat_with_async_transfer_is_concat_examples():
    batch = [(numpy.ones(1, numpy.float32), 3), (numpy.ones(2, numpy.float32), 4)]
    converter = ConcatWithAsyncTransfer(stream=None)
    got, expected = converter(batch, padding=-1), concat_examples(batch, padding=-1)
    for g, e in zip(got, expected):
        numpy.testing.assert_array_equal(g, e)
    x, _ = converter(batch, '@numpy', 0)
    assert x.tolist() == [[1.0, 0.0], [1.0, 1.0]]
