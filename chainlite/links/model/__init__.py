"""chainlite.links.model (Chainer's module layout, for old imports)."""
