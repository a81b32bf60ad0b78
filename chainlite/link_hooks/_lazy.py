"""Drawing a link's lazily initialized weight in a hook, before the link's forward."""
from chainlite.links.connection.linear import Linear


def initialize_weight(link, args, kwargs):
    """Draws ``link``'s uninitialized weight from its forward's first input, as the
    link's forward would (a hook must use the weight before the forward runs)."""
    if not hasattr(link, '_initialize_params'):
        raise AttributeError('%s cannot initialize its weight before the forward '
                             '(no _initialize_params)' % type(link).__name__)
    x = args[0] if args else next(iter(kwargs.values()))
    if isinstance(link, Linear):
        # Chainer passes x.shape[1] here, which breaks inputs of more than two axes.
        n_batch_axes = args[1] if len(args) > 1 else kwargs.get('n_batch_axes', 1)
        in_size = 1
        for s in x.shape[n_batch_axes:]:
            in_size *= s
        link._initialize_params(in_size)
    else:
        link._initialize_params(x.shape[1])
