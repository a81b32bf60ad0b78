"""Multi-layer n-step RNN links draw their dropout masks as Chainer 7.8.1 does (per
direction and time step between layers, at ratio 0 too), so seeded runs give Chainer's
numbers and leave numpy.random where Chainer leaves it (goldens:
tools/goldens/rnn_dropout.py)."""
import numpy
import pytest

import chainlite

import golden_scripts

G = golden_scripts.script('rnn_dropout')
DATA = golden_scripts.data('rnn_dropout')


@pytest.mark.parametrize('name', sorted(G.LINKS))
def test_seeded_nstep_link_matches_chainer(name):
    ys, gxs, following = G.run(chainlite, name)
    assert following == DATA['%s/next' % name]
    for i, (y, gx) in enumerate(zip(ys, gxs)):
        numpy.testing.assert_array_equal(y, DATA['%s/y/%d' % (name, i)], err_msg=str(i))
        numpy.testing.assert_array_equal(gx, DATA['%s/gx/%d' % (name, i)], err_msg=str(i))
