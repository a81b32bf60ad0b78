"""Fires once (optionally before training starts)."""


class OnceTrigger:
    """Fires the first time it is asked, then never again.

    >>> t = OnceTrigger()
    >>> t(None), t(None)
    (True, False)
    """

    def __init__(self, call_on_resume=False):
        self._flag_first = True
        self._flag_resumed = call_on_resume

    @property
    def finished(self):
        """True once the trigger has fired (and will not fire again)."""
        return not (self._flag_first or self._flag_resumed)

    @property
    def skip_initialize(self):
        return not (self._flag_first or self._flag_resumed)

    def __call__(self, trainer):
        fire = self._flag_first or self._flag_resumed
        self._flag_first = False
        self._flag_resumed = False
        return fire

    def serialize(self, serializer):
        self._flag_first = bool(serializer('_flag_first', self._flag_first))
