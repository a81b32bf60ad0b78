"""chainlite.functions: attention (absent from Chainer 7) and one-hot helpers."""
from chainlite.functions.attention.multi_head_attention import multi_head_attention
from chainlite.functions.attention.onehot import onehot_decode, onehot_encode
from chainlite.functions.attention.scaled_dot_product_attention import (
    scaled_dot_product_attention)

__all__ = ['multi_head_attention', 'onehot_decode', 'onehot_encode',
           'scaled_dot_product_attention']
