# Loads a model file written by real Chainer 7.8.1 and runs it, unmodified.
import json
import sys

import numpy as np

import chainer
import chainer.functions as F
import chainer.links as L
from chainer import serializers


class Net(chainer.Chain):
    def __init__(self):
        super(Net, self).__init__()
        with self.init_scope():
            self.l1 = L.Linear(3, 4)
            self.bn = L.BatchNormalization(4)
            self.l2 = L.Linear(4, 2)

    def __call__(self, x):
        return self.l2(F.relu(self.bn(self.l1(x))))


model = Net()
serializers.load_npz(sys.argv[1], model)
x = np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3)
with chainer.using_config('train', False):
    y = model(x)
print(json.dumps({'y': y.array.tolist(), 'N': int(model.bn.N),
                  'avg_mean': model.bn.avg_mean.tolist()}))
