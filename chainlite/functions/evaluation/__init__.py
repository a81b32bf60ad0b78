"""chainlite.functions: evaluation operations."""
__all__ = []
