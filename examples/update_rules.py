"""A tour of per-parameter update rules on the XOR problem (as in Chainer v2's introduction).

One weight learns 10x faster, one bias stays fixed, a weight-decay hook sits on
one parameter only, and a learn-rate factor follows the optimizer's schedule.
Runs unchanged on Chainer 7 except for the two lines marked "chainlite".

    python examples/update_rules.py
"""
import numpy

import chainlite
import chainlite.functions as F
import chainlite.links as L
from chainlite import optimizer_hooks, optimizers

X = numpy.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=numpy.float32)
T = numpy.array([0, 1, 1, 0], dtype=numpy.int32)


class XorNet(chainlite.Chain):
    def __init__(self):
        super().__init__()
        with self.init_scope():
            self.l1 = L.Linear(2, 8)
            self.l2 = L.Linear(8, 2)

    def forward(self, x):
        return self.l2(F.tanh(self.l1(x)))


def show(net, title):
    print(title)
    for path, param in net.namedparams():
        print('  %-6s %s' % (path, numpy.array2string(param.array.ravel()[:4], precision=3)))


def main(steps=300):
    numpy.random.seed(0)
    net = XorNet()
    optimizer = optimizers.MomentumSGD(lr=0.1).setup(net)

    net.l1.W.update_rule.hyperparam.lr = 1.0            # 10x the optimizer's rate, for good
    net.l2.b.update_rule.enabled = False                # this bias never moves
    net.l2.W.update_rule.add_hook(optimizer_hooks.WeightDecay(1e-4))
    chainlite.set_learn_rate_factor(net, 'l1/b', 0.5)   # chainlite: half of the *live* rate

    b_before = net.l2.b.array.copy()
    show(net, 'before training:')
    for step in range(steps):
        if step == steps // 2:
            optimizer.lr = 0.05  # reaches every rule that did not override lr (l1/b at 0.025)
        loss = F.softmax_cross_entropy(net(X), T)
        net.cleargrads()
        loss.backward()
        optimizer.update()
    show(net, 'after %d steps:' % steps)
    print(chainlite.learnables(net, optimizer))       # chainlite: the learnables table
    pred = net(X).array.argmax(axis=1)
    print('loss %.4f, predictions %s (targets %s)' % (float(loss.array), pred, T))
    print('fixed bias unchanged:', bool((net.l2.b.array == b_before).all()))
    return pred


if __name__ == '__main__':
    main()
