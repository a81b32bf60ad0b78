"""Keys, dtypes and shapes of the optimizer npz files Chainer 7.8.1 writes.

Run inside the reference environment; writes the JSON named by argv[1]: per
optimizer (default arguments, and Adam with amsgrad), the key -> [dtype, shape]
of ``save_npz(optimizer)`` after two updates of the two-link net of
tools/goldens/optimizers.py, with the rule of /l1/b disabled.
"""
import io
import json
import pathlib
import sys

import numpy

from chainer import optimizers, serializers

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from optimizers import Net, initial_arrays  # NOQA

NAMES = ['SGD', 'MomentumSGD', 'NesterovAG', 'CorrectedMomentumSGD', 'AdaGrad', 'AdaDelta',
         'Adam', 'AdamW', 'AMSGrad', 'AdaBound', 'AMSBound', 'RMSprop', 'RMSpropGraves',
         'SMORMS3', 'MSVAG']


def keys(name, kwargs):
    net = Net(initial_arrays())
    opt = getattr(optimizers, name)(**kwargs).setup(net)
    net.l1.b.update_rule.enabled = False
    for _ in range(2):
        for p in net.params():
            p.grad = numpy.ones_like(p.array)
        opt.update()
    f = io.BytesIO()
    serializers.save_npz(f, opt)
    f.seek(0)
    d = numpy.load(f)
    return {k: [str(d[k].dtype), list(d[k].shape)] for k in d.files}


def main():
    out = {name: keys(name, {}) for name in NAMES}
    out['Adam(amsgrad=True)'] = keys('Adam', {'amsgrad': True})
    pathlib.Path(sys.argv[1]).write_text(json.dumps(out, sort_keys=True))


if __name__ == '__main__':
    main()
