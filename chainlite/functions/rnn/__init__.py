"""chainlite.functions: rnn operations."""
from chainlite.functions.rnn.lstm import lstm
from chainlite.functions.rnn.n_step_gru import n_step_bigru, n_step_gru
from chainlite.functions.rnn.n_step_lstm import n_step_bilstm, n_step_lstm
from chainlite.functions.rnn.n_step_rnn import n_step_birnn, n_step_rnn
from chainlite.functions.rnn.slstm import slstm
from chainlite.functions.rnn.tree_lstm import tree_lstm

__all__ = ['lstm', 'n_step_bigru', 'n_step_birnn', 'n_step_bilstm', 'n_step_gru',
           'n_step_lstm', 'n_step_rnn', 'slstm', 'tree_lstm']
