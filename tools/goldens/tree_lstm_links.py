"""Goldens of Chainer 7.8.1's ChildSumTreeLSTM and NaryTreeLSTM links.

Runs in the reference environment: python tree_lstm_links.py OUT.npz
Keys (link parameters are flattened into one vector, in the order of their sorted paths):
  paths/<link>           'path shape' strings of a link's parameters, sorted
  init/<link>/s<seed>    the constructed link's parameters after numpy.random.seed(seed)
  next/<link>/s<seed>    numpy.random.normal() right after construction (draw count)
  call/<case>/param      random float32 parameters set into the link before the call
  call/<case>/in/<k>     float32 arguments of the call, k = position (None ones are absent)
  call/<case>/nargs      the number of arguments
  call/<case>/out/c, /h  the returned (c, h)
  call/<case>/grad       parameter gradients of sum(c * c) + sum(h * h) (a None grad as zeros)
"""
import sys

import numpy

import chainer.functions as F
import chainer.links as L

SEEDS = (0, 1)
IN, OUT, B = 3, 2, 3

INIT = {
    'ChildSumTreeLSTM': lambda: L.ChildSumTreeLSTM(3, 4),
    'NaryTreeLSTM': lambda: L.NaryTreeLSTM(3, 4),
    'NaryTreeLSTM_3': lambda: L.NaryTreeLSTM(2, 3, n_ary=3),
    'NaryTreeLSTM_1': lambda: L.NaryTreeLSTM(4, 2, n_ary=1),
}

# case -> (link maker, pattern of the arguments: 'c'/'h' a state, 'x' an input, '-' None)
CALLS = {
    'cs_full': (lambda: L.ChildSumTreeLSTM(IN, OUT), 'cchhx'),
    'cs_leaf': (lambda: L.ChildSumTreeLSTM(IN, OUT), 'x'),
    'cs_one': (lambda: L.ChildSumTreeLSTM(IN, OUT), 'chx'),
    'cs_three': (lambda: L.ChildSumTreeLSTM(IN, OUT), 'ccchhhx'),
    'cs_none': (lambda: L.ChildSumTreeLSTM(IN, OUT), 'c--hx'),
    'cs_all_none': (lambda: L.ChildSumTreeLSTM(IN, OUT), '----x'),
    'cs_x_none': (lambda: L.ChildSumTreeLSTM(IN, OUT), 'cchh-'),
    'nary_full': (lambda: L.NaryTreeLSTM(IN, OUT), 'cchhx'),
    'nary_none': (lambda: L.NaryTreeLSTM(IN, OUT), '-ch-x'),
    'nary_all_none': (lambda: L.NaryTreeLSTM(IN, OUT), '----x'),
    'nary_x_none': (lambda: L.NaryTreeLSTM(IN, OUT), 'c-h--'),
    'nary3': (lambda: L.NaryTreeLSTM(IN, OUT, n_ary=3), 'c-chh-x'),
    'nary1': (lambda: L.NaryTreeLSTM(IN, OUT, n_ary=1), 'chx'),
}


def flat(link, attr):
    params = sorted(link.namedparams())
    return numpy.concatenate([
        (numpy.zeros(p.shape, numpy.float32) if getattr(p, attr) is None
         else getattr(p, attr)).ravel() for _, p in params])


def initial_params(out):
    for seed in SEEDS:
        for name, make in INIT.items():
            numpy.random.seed(seed)
            link = make()
            out['next/%s/s%d' % (name, seed)] = numpy.random.normal()
            out['init/%s/s%d' % (name, seed)] = flat(link, 'array')
            out['paths/' + name] = numpy.array(
                ['%s %s' % (path, p.shape) for path, p in sorted(link.namedparams())])


def calls(out):
    for case, (make, pattern) in CALLS.items():
        rng = numpy.random.RandomState(len(case) + len(pattern))
        link = make()
        for _, param in sorted(link.namedparams()):
            param.array[...] = rng.uniform(-1, 1, param.shape)
        out['call/%s/param' % case] = flat(link, 'array')
        args = []
        for k, p in enumerate(pattern):
            if p == '-':
                args.append(None)
                continue
            a = rng.randn(B, IN if p == 'x' else OUT).astype(numpy.float32)
            out['call/%s/in/%d' % (case, k)] = a
            args.append(a)
        out['call/%s/nargs' % case] = numpy.array(len(args))
        c, h = link(*args)
        out['call/%s/out/c' % case] = c.array
        out['call/%s/out/h' % case] = h.array
        link.cleargrads()
        (F.sum(c * c) + F.sum(h * h)).backward()
        out['call/%s/grad' % case] = flat(link, 'grad')


def main():
    out = {}
    initial_params(out)
    calls(out)
    numpy.savez(sys.argv[1], **out)


if __name__ == '__main__':
    main()
