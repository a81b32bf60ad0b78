"""Path/pattern addressing, learn-rate factors, freeze/unfreeze and the learnables table."""
import numpy
import pytest

import chainlite
from chainlite import optimizer_hooks, optimizers
from chainlite.learnables import (freeze, get_learn_rate_factor, learnables,
                                  set_learn_rate_factor, unfreeze)


def block():
    link = chainlite.Chain()
    with link.init_scope():
        link.conv_1 = chainlite.Chain()
        link.conv_2 = chainlite.Chain()
    for child in (link.conv_1, link.conv_2):
        with child.init_scope():
            child.W = chainlite.Parameter(numpy.ones((2, 2), 'f'))
            child.b = chainlite.Parameter(numpy.zeros(2, 'f'))
    return link


def make_net():
    net = chainlite.Chain()
    with net.init_scope():
        net.encoder = chainlite.Chain()
        net.head = chainlite.ChainList(block())
    with net.encoder.init_scope():
        net.encoder.res1 = block()
        net.encoder.res2 = block()
    return net


def test_exact_paths_with_and_without_slash():
    net = make_net()
    assert set_learn_rate_factor(net, 'encoder/res1/conv_1/W', 0.5) == ['/encoder/res1/conv_1/W']
    assert get_learn_rate_factor(net, '/encoder/res1/conv_1/W') == 0.5
    assert net.encoder.res1.conv_1.W.lr_factor == 0.5
    assert get_learn_rate_factor(net, 'head/0/conv_2/b') == 1.0


def test_patterns():
    net = make_net()
    changed = set_learn_rate_factor(net, 'encoder/**/W', 0.1)
    assert changed == ['/encoder/res1/conv_1/W', '/encoder/res1/conv_2/W',
                       '/encoder/res2/conv_1/W', '/encoder/res2/conv_2/W']
    assert set_learn_rate_factor(net, '**/b', 2) == [p for p, _ in net.namedparams()
                                                     if p.endswith('/b')]
    assert set_learn_rate_factor(net, 'encoder/*/conv_2/*', 3) == [
        '/encoder/res1/conv_2/W', '/encoder/res1/conv_2/b',
        '/encoder/res2/conv_2/W', '/encoder/res2/conv_2/b']
    assert set_learn_rate_factor(net, 'head/*/conv_*/W', 4) == ['/head/0/conv_1/W',
                                                                '/head/0/conv_2/W']
    # a link path means everything below it
    assert len(set_learn_rate_factor(net, 'encoder/res2', 5)) == 4
    assert net.encoder.res2.conv_1.b.lr_factor == 5.0
    assert net.encoder.res1.conv_1.W.lr_factor == 0.1


def test_no_match_lists_closest_paths():
    net = make_net()
    with pytest.raises(KeyError, match='/encoder/res1/conv_1/W'):
        set_learn_rate_factor(net, 'encoder/res1/conv1/W', 0.5)
    with pytest.raises(KeyError, match='closest'):
        freeze(net, 'decoder/**')
    with pytest.raises(KeyError, match='matches 2'):
        get_learn_rate_factor(net, 'head/0/conv_1')


@pytest.mark.parametrize('bad', [-0.5, float('nan'), 'x', None])
def test_bad_factor_names_path(bad):
    net = make_net()
    with pytest.raises(ValueError, match='/encoder/res1/conv_1/W'):
        set_learn_rate_factor(net, 'encoder/res1/conv_1/W', bad)
    assert net.encoder.res1.conv_1.W.lr_factor == 1.0


def test_freeze_before_and_after_setup_keeps_state():
    net = make_net()
    assert freeze(net, 'encoder/res1') == ['/encoder/res1/conv_1/W', '/encoder/res1/conv_1/b',
                                           '/encoder/res1/conv_2/W', '/encoder/res1/conv_2/b']
    opt = optimizers.MomentumSGD(lr=0.1).setup(net)
    W1, W2 = net.encoder.res1.conv_1.W, net.encoder.res2.conv_1.W
    assert not W1.update_rule.enabled and W2.update_rule.enabled
    for p in net.params():
        p.grad = numpy.ones_like(p.array)
    opt.update()
    assert W1.update_rule.state is None and (W1.array == 1).all()
    unfreeze(net, 'encoder/res1')
    freeze(net, 'encoder/res2')
    rule = W2.update_rule
    v = rule.state['v'].copy()
    opt.update()
    assert W2.update_rule is rule and (rule.state['v'] == v).all()
    assert (W1.array != 1).all()
    unfreeze(net)
    assert all(p.update_rule.enabled for p in net.params())


def test_learnables_table():
    net = make_net()
    set_learn_rate_factor(net, '**/b', 0.5)
    freeze(net, 'head')
    opt = optimizers.Adam(alpha=0.01).setup(net)
    opt.add_hook(optimizer_hooks.WeightDecay(1e-4))
    net.encoder.res1.conv_1.W.update_rule.add_hook(optimizer_hooks.GradientHardClipping(-1, 1))
    net.encoder.res1.conv_1.W.update_rule.hyperparam.alpha = 0.1
    for p in net.params():
        p.grad = numpy.ones_like(p.array)
    opt.update()
    table = learnables(net, opt)
    assert len(table) == 12
    row = table['encoder/res1/conv_1/W']
    assert row['shape'] == (2, 2) and row['dtype'] == 'float32' and row['size'] == 4
    assert row['lr'] == pytest.approx(0.1) and row['enabled']
    assert row['hooks'] == 'WeightDecay(optimizer),GradientHardClipping'
    assert row['state_bytes'] == 2 * 4 * 4
    assert table['/encoder/res2/conv_1/b']['lr'] == pytest.approx(0.005)
    assert table['/head/0/conv_1/W']['lr'] == 0.0
    assert table['/head/0/conv_1/W']['state_bytes'] == 0
    text = str(table)
    lines = text.splitlines()
    assert lines[0].split() == ['path', 'shape', 'dtype', 'size', 'lr_factor', 'enabled', 'lr',
                                'hooks', 'state_bytes']
    assert len(lines) == 14 and '/encoder/res1/conv_1/W' in lines[2]
    assert lines[2].index('float32') == lines[0].index('dtype')
    plain = learnables(net)
    assert 'lr' not in plain.columns and plain.rows[0]['path'] == '/encoder/res1/conv_1/W'


def test_learnables_to_pandas():
    pandas = pytest.importorskip('pandas')
    frame = learnables(make_net()).to_pandas()
    assert isinstance(frame, pandas.DataFrame) and len(frame) == 12
