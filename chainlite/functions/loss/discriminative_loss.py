"""Discriminative margin-based clustering loss (De Brabandere et al., arXiv:1708.02551).

Pixel embeddings of one instance are pulled towards their mean (variance term), the
means of different instances are pushed apart (distance term), and the means are kept
small (regularization term).
"""
from chainlite import backend
from chainlite.functions.activation.relu import relu
from chainlite.functions.array.reshape import reshape
from chainlite.functions.array.transpose import transpose
from chainlite.functions.math.absolute import absolute
from chainlite.functions.math.matmul import matmul
from chainlite.functions.math.sqrt import sqrt
from chainlite.functions.math.sum import sum as sum_
from chainlite.variable import Variable, as_variable

_NAME = 'discriminative_margin_based_clustering_loss'


def _norm(x, axis, norm):
    """The L1 or L2 norm of ``x`` over ``axis``; the L2 norm has gradient 0 at 0 (not NaN)."""
    if norm == 1:
        return sum_(absolute(x), axis=axis)
    sq = sum_(x * x, axis=axis)
    zero = (sq.array == 0).astype(sq.dtype)
    return sqrt(sq + zero) * (1 - zero)


def _check(embeddings, labels, max_embedding_dim, norm):
    if norm not in (1, 2):
        raise ValueError('%s: norm can only be 1 or 2, got %r' % (_NAME, norm))
    if embeddings.ndim != 4:
        raise ValueError('%s: embeddings must have shape (batch, max_embedding_dim, height, '
                         'width), got shape %s' % (_NAME, embeddings.shape))
    if embeddings.dtype.kind != 'f':
        raise TypeError('%s: embeddings must be floating point, got %s'
                        % (_NAME, embeddings.dtype))
    if embeddings.shape[1] != max_embedding_dim:
        raise ValueError('%s: max_embedding_dim %r must equal the embedding size %d (axis 1 '
                         'of embeddings of shape %s)' % (_NAME, max_embedding_dim,
                                                         embeddings.shape[1], embeddings.shape))
    b, _, h, w = embeddings.shape
    if labels.shape != (b, h, w):
        raise ValueError('%s: labels must have shape %s (batch, height, width) to match '
                         'embeddings of shape %s, got %s'
                         % (_NAME, (b, h, w), embeddings.shape, labels.shape))


def discriminative_margin_based_clustering_loss(
        embeddings, labels, delta_v, delta_d, max_embedding_dim, norm=1, alpha=1.0, beta=1.0,
        gamma=0.001):
    """The variance, distance and regularization terms of the discriminative loss.

    The instances are the labels ``1, ..., K`` with ``K = max_embedding_dim`` (other
    labels, such as the background 0, are ignored); an instance absent from a sample has
    mean 0 there. With ``mu[b, k]`` the mean embedding of instance ``k`` in sample ``b``,
    ``N_k`` its pixel count over the batch and ``d`` the L1 or L2 distance (``norm``):

    - variance: ``alpha / K * sum_k sum_(b, pixel in k) max(d(x, mu[b, k]) - delta_v,
      0)**2 / N_k``;
    - distance: ``beta / (B K (K - 1)) * sum_b sum_(k != l) max(2 delta_d - d(mu[b, k],
      mu[b, l]), 0)**2`` (0 when ``K == 1``);
    - regularization: ``gamma / (K B) * sum_k |mu[:, k]|``, the norm taken over the batch
      and embedding axes together.

    These are Chainer's values where Chainer runs (batch size 1 or ``K``, ``K > 1``);
    chainlite also takes other batch sizes, and its L2 gradients are finite (Chainer's
    are NaN).

    Args:
        embeddings: Pixel embeddings of shape ``(B, K, H, W)``.
        labels: Instance labels of shape ``(B, H, W)`` (not differentiated).
        delta_v: Distance to the mean below which a pixel costs nothing.
        delta_d: Half the distance between means beyond which they cost nothing.
        max_embedding_dim: ``K``, the embedding size (must equal ``embeddings.shape[1]``),
            also the number of instances.
        norm: 1 or 2, the norm measuring distances.
        alpha, beta, gamma: Weights of the three terms.

    Returns:
        A tuple of three scalar Variables: the variance, distance and regularization terms.

    >>> import numpy, chainlite.functions as F
    >>> emb = numpy.array([[[[0.0, 1.0, 4.0]], [[0.0, 0.0, 0.0]]]])  # B=1, K=2, H=1, W=3
    >>> labels = numpy.array([[[1, 1, 2]]])
    >>> [round(float(t.array), 6) for t in F.discriminative_margin_based_clustering_loss(
    ...     emb, labels, 0.1, 2.0, 2)]
    [0.08, 0.25, 0.00225]
    """
    emb = as_variable(embeddings)
    xp = backend.get_array_module(emb)
    labels = xp.asarray(labels.array if isinstance(labels, Variable) else labels)
    _check(emb, labels, max_embedding_dim, norm)
    n_batch, dim, h, w = emb.shape
    k = dim  # Chainer takes as many instances as embedding dimensions
    dtype = emb.dtype
    # masks[b, c, p]: pixel p of sample b belongs to instance c + 1
    ids = xp.arange(1, k + 1).reshape(1, k, 1)
    masks = (labels.reshape(n_batch, 1, h * w) == ids).astype(dtype)
    counts = masks.sum(axis=2)  # per sample and instance
    total = counts.sum(axis=0)  # per instance, over the batch
    x = reshape(emb, (n_batch, dim, h * w))
    means = matmul(x, masks, transb=True) * (1 / xp.maximum(counts, 1)).reshape(n_batch, 1, k)

    # variance: each pixel against the mean of its own instance
    pixel_means = matmul(means, masks)
    hinge = relu(_norm(x - pixel_means, 1, norm) - delta_v)
    weight = (masks / xp.maximum(total, 1).reshape(1, k, 1)).sum(axis=1)
    variance = sum_(hinge * hinge * weight)
    if delta_v < 0:  # as in Chainer, pixels outside an instance count at distance 0
        variance = variance + delta_v ** 2 * float(((n_batch * h * w - total)
                                                    / xp.maximum(total, 1)).sum())
    variance = variance * (alpha / k)

    if k > 1:
        pair = reshape(means, (n_batch, dim, k, 1)) - reshape(means, (n_batch, dim, 1, k))
        push = relu(2 * delta_d - _norm(pair, 1, norm))
        off_diagonal = 1 - xp.eye(k, dtype=dtype)
        distance = sum_(push * push * off_diagonal) * (beta / (n_batch * k * (k - 1)))
    else:
        distance = Variable(xp.zeros((), dtype))  # Chainer returns the float 0.0 here
    per_instance = reshape(transpose(means, (2, 0, 1)), (k, n_batch * dim))
    regularization = sum_(_norm(per_instance, 1, norm)) * (gamma / (k * n_batch))
    return variance, distance, regularization
