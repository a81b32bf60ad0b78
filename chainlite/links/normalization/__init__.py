"""chainlite.links.normalization (Chainer's module layout, for old imports)."""
