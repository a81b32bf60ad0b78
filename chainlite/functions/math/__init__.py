"""chainlite.functions: math operations."""
__all__ = []
