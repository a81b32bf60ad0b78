"""chainlite.functions: pooling operations."""
__all__ = []
