"""chainlite.functions: noise operations."""
__all__ = []
