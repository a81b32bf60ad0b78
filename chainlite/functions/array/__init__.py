"""chainlite.functions: array operations."""
from chainlite.functions.array.as_strided import as_strided
from chainlite.functions.array.broadcast import broadcast, broadcast_to
from chainlite.functions.array.cast import cast
from chainlite.functions.array.concat import concat
from chainlite.functions.array.copy import copy
from chainlite.functions.array.depth2space import depth2space
from chainlite.functions.array.diagonal import diagonal
from chainlite.functions.array.dstack import dstack
from chainlite.functions.array.expand_dims import expand_dims
from chainlite.functions.array.flatten import flatten
from chainlite.functions.array.flip import flip
from chainlite.functions.array.forget import forget
from chainlite.functions.array.fliplr import fliplr
from chainlite.functions.array.flipud import flipud
from chainlite.functions.array.get_item import get_item
from chainlite.functions.array.hstack import hstack
from chainlite.functions.array.im2col import im2col
from chainlite.functions.array.moveaxis import moveaxis
from chainlite.functions.array.pad import pad
from chainlite.functions.array.pad_sequence import pad_sequence
from chainlite.functions.array.permutate import permutate
from chainlite.functions.array.repeat import repeat
from chainlite.functions.array.reshape import reshape
from chainlite.functions.array.resize_images import resize_images
from chainlite.functions.array.rollaxis import rollaxis
from chainlite.functions.array.scatter_add import scatter_add
from chainlite.functions.array.select_item import select_item
from chainlite.functions.array.separate import separate
from chainlite.functions.array.space2depth import space2depth
from chainlite.functions.array.spatial_transformer_grid import spatial_transformer_grid
from chainlite.functions.array.spatial_transformer_sampler import spatial_transformer_sampler
from chainlite.functions.array.split_axis import split_axis
from chainlite.functions.array.squeeze import squeeze
from chainlite.functions.array.stack import stack
from chainlite.functions.array.swapaxes import swapaxes
from chainlite.functions.array.tile import tile
from chainlite.functions.array.transpose import transpose
from chainlite.functions.array.transpose_sequence import transpose_sequence
from chainlite.functions.array.vstack import vstack
from chainlite.functions.array.where import where

__all__ = [
    'as_strided', 'broadcast', 'broadcast_to', 'cast', 'concat', 'copy', 'depth2space', 'diagonal',
    'dstack', 'expand_dims', 'flatten', 'flip', 'fliplr', 'flipud', 'forget', 'get_item', 'hstack',
    'im2col', 'moveaxis', 'pad', 'pad_sequence', 'permutate', 'repeat', 'reshape', 'resize_images',
    'rollaxis', 'scatter_add', 'select_item', 'separate', 'space2depth',
    'spatial_transformer_grid', 'spatial_transformer_sampler', 'split_axis', 'squeeze', 'stack',
    'swapaxes', 'tile', 'transpose', 'transpose_sequence', 'vstack', 'where',
]
