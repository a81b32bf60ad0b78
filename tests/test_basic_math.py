"""Every Variable operator: forward values, gradient and double-gradient checks, errors."""
import numpy
import pytest

import chainlite
import chainlite.functions as F
from chainlite import Variable, gradient_check
from chainlite.utils.type_check import InvalidType

BINARY = {
    'add': (lambda a, b: a + b, numpy.add),
    'sub': (lambda a, b: a - b, numpy.subtract),
    'mul': (lambda a, b: a * b, numpy.multiply),
    'div': (lambda a, b: a / b, numpy.divide),
    'pow': (lambda a, b: a ** b, numpy.power),
}

UNARY = {
    'add_const': (lambda a: a + 2, lambda a: a + 2),
    'radd_const': (lambda a: 2 + a, lambda a: 2 + a),
    'sub_const': (lambda a: a - 1.5, lambda a: a - 1.5),
    'rsub_const': (lambda a: 2 - a, lambda a: 2 - a),
    'mul_const': (lambda a: a * 3, lambda a: a * 3),
    'rmul_const': (lambda a: 3 * a, lambda a: 3 * a),
    'div_const': (lambda a: a / 4, lambda a: a / 4),
    'rdiv_const': (lambda a: 2 / a, lambda a: 2 / a),
    'pow_const': (lambda a: a ** 3, lambda a: a ** 3),
    'pow_frac': (lambda a: a ** 0.5, numpy.sqrt),
    'rpow_const': (lambda a: 2 ** a, lambda a: 2 ** a),
    'neg': (lambda a: -a, numpy.negative),
    'abs': (lambda a: abs(a), numpy.abs),
    'getitem_basic': (lambda a: a[1:, ::-1], lambda a: a[1:, ::-1]),
    'getitem_int': (lambda a: a[0], lambda a: a[0]),
    'getitem_newaxis': (lambda a: a[None, ..., 1], lambda a: a[None, ..., 1]),
    'getitem_advanced': (lambda a: a[[0, 0, 2]], lambda a: a[[0, 0, 2]]),
    'getitem_bool': (lambda a: a[numpy.array([True, False, True])],
                     lambda a: a[numpy.array([True, False, True])]),
    'T': (lambda a: a.T, lambda a: a.T),
    'transpose_axes': (lambda a: F.transpose(a, (1, 0)), lambda a: a.transpose(1, 0)),
    'reshape': (lambda a: a.reshape(4, 3), lambda a: a.reshape(4, 3)),
    'reshape_minus1': (lambda a: F.reshape(a, (2, -1)), lambda a: a.reshape(2, -1)),
    'sum_all': (lambda a: F.sum(a), lambda a: a.sum()),
    'sum_axis': (lambda a: F.sum(a, axis=1), lambda a: a.sum(axis=1)),
    'sum_keepdims': (lambda a: F.sum(a, axis=(0, -1), keepdims=True),
                     lambda a: a.sum(axis=(0, 1), keepdims=True)),
    'mean': (lambda a: a.mean(axis=0), lambda a: a.mean(axis=0)),
    'broadcast_to': (lambda a: F.broadcast_to(a, (2, 3, 4)),
                     lambda a: numpy.broadcast_to(a, (2, 3, 4))),
    'sum_to': (lambda a: F.sum_to(a, (1, 4)), lambda a: a.sum(axis=0, keepdims=True)),
}


def _data(rng, shape):
    return rng.uniform(0.5, 2.0, shape)


@pytest.mark.parametrize('name', sorted(BINARY))
@pytest.mark.parametrize('shapes', [((3, 4), (3, 4)), ((3, 4), (4,)), ((2, 1, 4), (3, 1))])
def test_binary(name, shapes, rng):
    op, ref = BINARY[name]
    a, b = _data(rng, shapes[0]), _data(rng, shapes[1])
    y = op(Variable(a), Variable(b))
    numpy.testing.assert_allclose(y.array, ref(a, b), rtol=1e-12)
    gy = rng.normal(size=y.shape)
    gradient_check.check_backward(op, (a, b), gy)
    gradient_check.check_double_backward(op, (a, b), gy, (rng.normal(size=a.shape),
                                                          rng.normal(size=b.shape)))


@pytest.mark.parametrize('name', sorted(UNARY))
def test_unary(name, rng):
    op, ref = UNARY[name]
    a = _data(rng, (3, 4))
    y = op(Variable(a))
    numpy.testing.assert_allclose(y.array, ref(a), rtol=1e-12)
    gy = rng.normal(size=y.shape)
    gradient_check.check_backward(op, a, gy)
    gradient_check.check_double_backward(op, a, gy, rng.normal(size=a.shape))


@pytest.mark.parametrize('ta,tb,sa,sb', [
    (False, False, (2, 3), (3, 4)), (True, False, (3, 2), (3, 4)), (False, True, (2, 3), (4, 3)),
    (True, True, (3, 2), (4, 3)), (False, False, (5, 2, 3), (3, 4)), (False, False, (3,), (3, 4)),
    (False, False, (2, 3), (3,)), (False, False, (3,), (3,)), (False, False, (5, 2, 3), (5, 3, 4)),
])
def test_matmul(ta, tb, sa, sb, rng):
    a, b = rng.normal(size=sa), rng.normal(size=sb)
    y = F.matmul(a, b, transa=ta, transb=tb)
    ra = a.swapaxes(-1, -2) if ta else a
    rb = b.swapaxes(-1, -2) if tb else b
    numpy.testing.assert_allclose(y.array, numpy.matmul(ra, rb), rtol=1e-12)
    gy = numpy.asarray(rng.normal(size=y.shape))

    def f(p, q):
        return F.matmul(p, q, transa=ta, transb=tb)
    gradient_check.check_backward(f, (a, b), gy)
    gradient_check.check_double_backward(f, (a, b), gy, (rng.normal(size=sa), rng.normal(size=sb)))


def test_matmul_operator_and_batch_matmul(rng):
    a, b = rng.normal(size=(4, 2, 3)), rng.normal(size=(4, 3, 5))
    y = Variable(a) @ b
    numpy.testing.assert_allclose(y.array, a @ b)
    y2 = b[0].T @ Variable(a[0].T)
    numpy.testing.assert_allclose(y2.array, b[0].T @ a[0].T)
    numpy.testing.assert_allclose(F.batch_matmul(a, b).array, a @ b)
    v = rng.normal(size=(4, 3))
    numpy.testing.assert_allclose(F.batch_matmul(a, v).array, (a @ v[:, :, None]))


def test_add_many_broadcasts(rng):
    a, b, c = rng.normal(size=(2, 3)), rng.normal(size=(3,)), rng.normal(size=(2, 1))
    numpy.testing.assert_allclose(F.add(a, b, c).array, a + b + c)
    gradient_check.check_backward(lambda x, y, z: F.add(x, y, z), (a, b, c),
                                  rng.normal(size=(2, 3)))


def test_floordiv_has_no_gradient():
    x = Variable(numpy.array([3.5, -2.5]))
    y = x // 2
    numpy.testing.assert_array_equal(y.array, [1.0, -2.0])
    F.sum(y * 1).backward()
    assert x.grad is None


def test_labels_match_chainer():
    x = Variable(numpy.ones(2, 'f'))
    assert (x - 1).creator.label == '_ + (-1)'
    assert (x / 2).creator.label == '_ * 0.5'
    assert (1 - x).creator.label == '1 - _'
    assert (x ** 2).creator.label == '_ ** 2'
    assert (2 ** x).creator.label == '2 ** _'
    assert (x * x).creator.label == '_ * _'
    assert (-x).creator.label == '__neg__'
    assert abs(x).creator.label == '|_|'
    assert (x @ numpy.ones((2, 2), 'f')).creator.label == 'MatMul'


def test_array_operand_cast_to_variable_dtype():
    x = Variable(numpy.ones((2, 3), 'f'))
    assert (x + numpy.ones((2, 3), 'd')).dtype == numpy.float32
    assert (numpy.ones(3, 'd') * x).dtype == numpy.float32
    assert (x * 2.5).dtype == numpy.float32


def test_operand_errors_name_shapes_and_dtypes():
    x = Variable(numpy.ones((2, 3), 'f'))
    with pytest.raises(InvalidType, match=r'\(2, 3\)[\s\S]*\(4,\)'):
        x + numpy.ones(4, 'f')
    with pytest.raises(InvalidType, match='float32 != float64'):
        x * Variable(numpy.ones((2, 3), 'd'))
    with pytest.raises(InvalidType, match='MatMul'):
        F.matmul(x, x)
    with pytest.raises(InvalidType, match='Reshape'):
        F.reshape(x, (4, 2))
    with pytest.raises(InvalidType, match='Sum'):
        F.sum(x, axis=2)
    with pytest.raises(TypeError, match='unsupported'):
        x + 'a'
    with pytest.raises(IndexError, match=r'shape \(2, 3\)'):
        x[5]


def test_float16_and_float32_forward(rng):
    for dtype in (numpy.float16, numpy.float32):
        a = rng.uniform(0.5, 2, (3, 4)).astype(dtype)
        b = rng.uniform(0.5, 2, (3, 4)).astype(dtype)
        for op, ref in BINARY.values():
            y = op(Variable(a), Variable(b))
            assert y.dtype == dtype
            rtol = 1e-2 if dtype == numpy.float16 else 1e-6
            numpy.testing.assert_allclose(y.array, ref(a, b), rtol=rtol)


def test_double_backprop_of_cube():
    x = Variable(numpy.array([1.0, 2.0]))
    y = F.sum(x ** 3)
    gx, = chainlite.grad([y], [x], enable_double_backprop=True)
    numpy.testing.assert_allclose(gx.array, 3 * x.array ** 2)
    ggx, = chainlite.grad([F.sum(gx)], [x])
    numpy.testing.assert_allclose(ggx.array, 6 * x.array)


def test_abs_of_zero_dim_variable_backward():
    x = Variable(numpy.array(-2.0))
    abs(x).backward()
    assert float(x.grad) == -1.0
