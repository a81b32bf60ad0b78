"""chainlite.links.activation (Chainer's module layout, for old imports)."""
