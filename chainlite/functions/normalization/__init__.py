"""chainlite.functions: normalization operations."""
__all__ = []
