"""chainlite.functions: connection operations."""
__all__ = []
