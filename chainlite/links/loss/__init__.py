"""chainlite.links.loss (Chainer's module layout, for old imports)."""
