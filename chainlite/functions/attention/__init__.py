"""chainlite.functions: attention operations."""
__all__ = []
