"""chainlite.functions: array operations."""
__all__ = []
