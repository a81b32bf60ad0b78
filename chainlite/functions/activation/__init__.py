"""chainlite.functions: activation operations."""
__all__ = []
