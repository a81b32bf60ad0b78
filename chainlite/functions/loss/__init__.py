"""chainlite.functions: loss operations."""
__all__ = []
