"""chainlite.links.connection (Chainer's module layout, for old imports)."""
