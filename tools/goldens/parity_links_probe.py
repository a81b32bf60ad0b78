"""Golden parameters, outputs and npz files of Chainer 7.8.1 links whose layout a
differential probe found chainlite getting wrong.

Runs in the reference environment: python parity_links_probe.py OUT.npz
For each case NAME (built after numpy.random.seed(0), called on inputs from
RandomState(1)):
  NAME/x<i>        the inputs (NAME/mask<i> for the masks given to the calls)
  NAME/next        numpy.random.normal() right after construction (draw count)
  NAME/y           the output of the last call
  NAME/npz/<key>   every array chainer.serializers.save_npz writes for the link afterwards
  NAME/gx0, NAME/grad/<param>   for scalar outputs, the gradients of y.backward()
Cases:
  maxout_nobias    L.Maxout(3, 2, 3, initial_bias=None): no bias parameter at all
  sdc_mask         L.SimplifiedDropconnect(3, 2) called with mask0, then with mask1:
                   the first mask becomes the persistent value 'mask'
  bhs_float64      L.BinaryHierarchicalSoftmax(3, TREE, dtype=numpy.float64) on float32 x
                   and labels NAME/t: W stays float32, the loss is float64
"""
import os
import sys
import tempfile

import numpy

import chainer
import chainer.links as L
import chainer.serializers

R = numpy.random.RandomState(1)
X = R.standard_normal((4, 3)).astype(numpy.float32)
MASKS = [(R.uniform(size=(4, 2, 3)) > 0.5).astype(numpy.float32) for _ in range(2)]
X_VAR = chainer.Variable(X)
TREE = (((0, 3), 1), (2, 4))
LABELS = numpy.array([0, 1, 2, 3], numpy.int32)


def save_npz_arrays(link):
    """What save_npz writes for ``link``, as a dict."""
    fd, path = tempfile.mkstemp(suffix='.npz')
    os.close(fd)
    try:
        chainer.serializers.save_npz(path, link)
        with numpy.load(path) as f:
            return {k: f[k] for k in f.files}
    finally:
        os.remove(path)


def record(out, name, make, calls):
    numpy.random.seed(0)
    link = make()
    out[name + '/next'] = numpy.random.normal()
    y = None
    for call in calls:
        y = call(link)
    out[name + '/y'] = y.array
    if y.ndim == 0:
        y.backward()
        out[name + '/gx0'] = X_VAR.grad
        for pname, param in link.namedparams():
            out['%s/grad%s' % (name, pname)] = param.grad
    for key, value in save_npz_arrays(link).items():
        out['%s/npz/%s' % (name, key)] = value


def main(path):
    out = {'maxout_nobias/x0': X, 'sdc_mask/x0': X}
    for i, m in enumerate(MASKS):
        out['sdc_mask/mask%d' % i] = m
    record(out, 'maxout_nobias', lambda: L.Maxout(3, 2, 3, initial_bias=None),
           [lambda link: link(X)])
    record(out, 'sdc_mask', lambda: L.SimplifiedDropconnect(3, 2),
           [lambda link, m=m: link(X, mask=m) for m in MASKS])
    out['bhs_float64/x0'], out['bhs_float64/t'] = X, LABELS
    record(out, 'bhs_float64', lambda: L.BinaryHierarchicalSoftmax(3, TREE, dtype=numpy.float64),
           [lambda link: link(X_VAR, LABELS)])
    numpy.savez_compressed(path, **out)


if __name__ == '__main__':
    main(sys.argv[1])
