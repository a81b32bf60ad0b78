"""A MATLAB-style model function: parameters in a dict, the network as a plain function.

Initializers fill the parameters (as initializeGlorot / initializeHe), ``chainlite.grad``
computes the gradients, and ``functional.adam_update`` returns new parameters and state
(as MATLAB's adamupdate). No Link, no Optimizer object.

    python examples/model_function.py
"""
import numpy

import chainlite
import chainlite.functions as F
from chainlite import functional, initializers


def init_params(n_in, n_hidden, n_out):
    """Glorot weights and zero biases, as plain arrays in a dict."""
    gen = initializers.generate_array
    return {
        'fc1': {'W': gen(initializers.GlorotUniform(), (n_hidden, n_in), numpy),
                'b': numpy.zeros(n_hidden, numpy.float32)},
        'fc2': {'W': gen(initializers.HeNormal(), (n_out, n_hidden), numpy),
                'b': numpy.zeros(n_out, numpy.float32)},
    }


def model(params, x):
    h = F.relu(F.linear(x, params['fc1']['W'], params['fc1']['b']))
    return F.linear(h, params['fc2']['W'], params['fc2']['b'])


def loss_and_grads(params, x, t):
    variables = {k: {n: chainlite.Variable(a) for n, a in layer.items()}
                 for k, layer in params.items()}
    loss = F.softmax_cross_entropy(model(variables, x), t)
    flat = [v for layer in variables.values() for v in layer.values()]
    grads = iter(chainlite.grad([loss], flat))
    return float(loss.array), {k: {n: next(grads).array for n in layer}
                               for k, layer in variables.items()}


def main(steps=200):
    numpy.random.seed(0)
    train, test = chainlite.datasets.get_digits()
    x, t = chainlite.dataset.concat_examples(train[:])
    params = init_params(64, 32, 10)
    state = None
    for step in range(steps):
        batch = numpy.random.choice(len(x), 64, replace=False)
        loss, grads = loss_and_grads(params, x[batch], t[batch])
        params, state = functional.adam_update(params, grads, state, alpha=0.01)
        if step % 50 == 0:
            print('step %3d  loss %.4f' % (step, loss))
    xt, tt = chainlite.dataset.concat_examples(test[:])
    accuracy = float(F.accuracy(model(params, xt), tt).array)
    print('test accuracy: %.4f' % accuracy)
    return accuracy


if __name__ == '__main__':
    main()
