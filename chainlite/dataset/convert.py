"""Converters: turn a list of examples into batched arrays on a device."""
import functools

import numpy

from chainlite import backend


def to_device(device, x):
    """Sends ``x`` (an array, scalar, or list/tuple/dict of them) to ``device``.

    ``device`` is any device specifier (see :func:`chainlite.backend.get_device`);
    ``None`` returns ``x`` unchanged.

    >>> to_device(None, [1, 2])
    [1, 2]
    >>> to_device('@numpy', 3)
    array(3)
    """
    if device is None:
        return x
    return backend.to_device(device, x)


class Converter:
    """Base class of converters: ``converter(batch, device)`` puts the batch's arrays on ``device``.

    Subclasses override ``__call__``; :func:`converter` turns a plain function
    into one.
    """

    def __call__(self, batch, device):
        raise NotImplementedError(
            '%s does not implement __call__(batch, device)' % type(self).__name__)


class _CallableConverter(Converter):
    """Wraps a callable; a ``device`` argument reaches it as a Device (``None`` stays ``None``)."""

    def __init__(self, func):
        if not callable(func):
            raise TypeError('converter: can only wrap a callable, got %s' % type(func).__name__)
        self._func = func
        functools.update_wrapper(self, func)

    def __call__(self, batch, *args, **kwargs):
        if args and args[0] is not None:
            args = (backend.get_device(args[0]),) + args[1:]
        if kwargs.get('device') is not None:
            kwargs['device'] = backend.get_device(kwargs['device'])
        return self._func(batch, *args, **kwargs)


def _get_device_or_none(device):
    """``device`` as a Device (see :func:`chainlite.backend.get_device`), or None."""
    return None if device is None else backend.get_device(device)


def _call_converter(converter, batch, device):
    """``converter(batch, device)`` as the updaters and evaluators call it: a
    :class:`Converter` gets the Device; a plain function, written for Chainer 5 or
    before, gets the legacy id (-1 for the CPU, the GPU's number); None stays None.

    >>> _call_converter(lambda batch, device: device, [], backend.get_device('@numpy'))
    -1
    """
    if device is None or isinstance(converter, Converter):
        return converter(batch, device)
    return converter(batch, getattr(device, 'device_id', -1))


def converter():
    """Decorator that turns ``func(batch, device=None, ...)`` into a :class:`Converter`.

    >>> @converter()
    ... def first(batch, device=None):
    ...     return to_device(device, batch[0])
    >>> isinstance(first, Converter), first([5, 6], '@numpy')
    (True, array(5))
    """
    return _CallableConverter


def _stack(arrays, padding, where):
    if not isinstance(arrays[0], numpy.ndarray) and not backend.is_gpu_array(arrays[0]):
        if padding is None:
            try:
                return numpy.asarray(arrays)  # scalars or equal-length lists: one fast call
            except ValueError:  # ragged: reported below
                pass
        arrays = [numpy.asarray(a) for a in arrays]
    xp = backend.get_array_module(arrays[0])
    ndims = {a.ndim for a in arrays}
    if len(ndims) != 1:
        raise ValueError('concat_examples: %s has arrays of different ndim %s'
                         % (where, sorted(ndims)))
    if padding is None:
        shapes = {a.shape for a in arrays}
        if len(shapes) != 1:
            raise ValueError('concat_examples: %s has arrays of different shapes %s; '
                             'pass padding= to pad them' % (where, sorted(shapes)))
        return xp.stack(arrays)
    shape = tuple(max(sizes) for sizes in zip(*(a.shape for a in arrays)))
    result = xp.full((len(arrays),) + shape, padding, dtype=arrays[0].dtype)
    for i, a in enumerate(arrays):
        result[(i,) + tuple(slice(n) for n in a.shape)] = a
    return result


def _per_field(padding, fields, kind):
    """Expands ``padding`` to one value per tuple position / dict key."""
    if isinstance(padding, (tuple, list)):
        if kind is not tuple or len(padding) != len(fields):
            raise ValueError('concat_examples: padding %r does not match the %d-field %s examples'
                             % (padding, len(fields), kind.__name__))
        return dict(zip(fields, padding))
    if isinstance(padding, dict):
        if kind is not dict or set(padding) != set(fields):
            raise ValueError('concat_examples: padding keys %s do not match the example keys %s'
                             % (sorted(padding, key=str), sorted(fields, key=str)))
        return padding
    return {f: padding for f in fields}


@converter()
def concat_examples(batch, device=None, padding=None):
    """Stacks a list of examples into batched arrays, optionally padded, on ``device``.

    Examples may be arrays (gives one array), tuples (gives a tuple of
    arrays) or dicts (gives a dict of arrays). ``padding`` (a scalar, or one
    value per tuple position / dict key) pads arrays of different shapes to
    their largest shape; without it the shapes must agree.

    >>> import numpy
    >>> x, t = concat_examples([(numpy.ones(1), 3), (numpy.ones(2), 4)], padding=0)
    >>> x.tolist(), t.tolist()
    ([[1.0, 0.0], [1.0, 1.0]], [3, 4])
    """
    if len(batch) == 0:
        raise ValueError('concat_examples: batch is empty')
    first = batch[0]
    if isinstance(first, (tuple, dict)):
        kind = tuple if isinstance(first, tuple) else dict
        fields = range(len(first)) if kind is tuple else list(first)
        pads = _per_field(padding, fields, kind)
        columns = {}
        for f in fields:
            try:
                column = [example[f] for example in batch]
            except (IndexError, KeyError):
                raise ValueError('concat_examples: some example lacks field %r that the first '
                                 'example has' % (f,)) from None
            columns[f] = to_device(device, _stack(column, pads[f], 'field %r' % (f,)))
        if kind is dict:
            return columns
        return tuple(columns[f] for f in fields)
    return to_device(device, _stack(batch, padding, 'the batch'))


class ConcatWithAsyncTransfer(Converter):
    """Chainer's converter that overlaps host-to-GPU copies with compute on CUDA streams.

    chainlite does the same work synchronously: it is ``concat_examples`` (``stream``
    and ``compute_stream`` are accepted and unused), so scripts that pass it as the
    updater's converter run unchanged.

    >>> import numpy
    >>> x, t = ConcatWithAsyncTransfer()([(numpy.ones(2), 1), (numpy.zeros(2), 0)])
    >>> x.shape, t.tolist()
    ((2, 2), [1, 0])
    """

    def __init__(self, stream=None, compute_stream=None):
        self.stream = stream
        self.compute_stream = compute_stream

    def __call__(self, batch, device=None, padding=None):
        return concat_examples(batch, device, padding)
