"""chainlite.functions: rnn operations."""
__all__ = []
