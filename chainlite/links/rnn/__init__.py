"""Recurrent links: LSTMs, GRUs, MGUs and the stacked NStep* networks."""
from chainlite.links.rnn.gru import GRU, GRUBase, StatefulGRU, StatelessGRU
from chainlite.links.rnn.lstm import LSTM, LSTMBase, StatelessLSTM
from chainlite.links.rnn.mgu import MGUBase, StatefulMGU, StatelessMGU
from chainlite.links.rnn.n_step_rnn import (NStepBiGRU, NStepBiLSTM, NStepBiRNNReLU,
                                            NStepBiRNNTanh, NStepGRU, NStepGRUBase, NStepLSTM,
                                            NStepLSTMBase, NStepRNNBase, NStepRNNReLU,
                                            NStepRNNTanh)
from chainlite.links.rnn.peephole import StatefulPeepholeLSTM
from chainlite.links.rnn.tree_lstm import ChildSumTreeLSTM, NaryTreeLSTM
from chainlite.links.rnn.zoneoutlstm import StatefulZoneoutLSTM

__all__ = ['ChildSumTreeLSTM', 'GRU', 'GRUBase', 'LSTM', 'LSTMBase', 'MGUBase', 'NStepBiGRU',
           'NStepBiLSTM', 'NStepBiRNNReLU', 'NStepBiRNNTanh', 'NStepGRU', 'NStepGRUBase',
           'NStepLSTM', 'NStepLSTMBase', 'NStepRNNBase', 'NStepRNNReLU', 'NStepRNNTanh',
           'NaryTreeLSTM', 'StatefulGRU', 'StatefulMGU', 'StatefulPeepholeLSTM',
           'StatefulZoneoutLSTM', 'StatelessGRU', 'StatelessLSTM', 'StatelessMGU']
