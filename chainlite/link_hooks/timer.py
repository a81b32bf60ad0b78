"""TimerHook: time spent in each link's forward."""
from chainlite import backend
from chainlite.function_hooks.timer import TimerReport
from chainlite.link_hook import LinkHook


class TimerHook(TimerReport, LinkHook):
    """Records ``(link class name, seconds)`` for each link forward in ``call_history``
    (appended when the forward ends, so a chain comes after the links it calls).
    ``summary()`` totals them per class, ``print_report()`` prints the table, and
    ``total_time()`` adds up the outermost forwards only (nested ones are inside
    them). GPU work is synchronized before each reading.

    >>> import io, numpy, chainlite, chainlite.links as L
    >>> model = chainlite.Sequential(L.Linear(3, 4), L.Linear(4, 2))
    >>> with TimerHook() as timer:
    ...     _ = model(numpy.ones((1, 3), numpy.float32))
    >>> [name for name, _ in timer.call_history]
    ['Linear', 'Linear', 'Sequential']
    >>> timer.summary()['Linear']['occurrence']
    2
    >>> out = io.StringIO()
    >>> timer.print_report(file=out)
    >>> out.getvalue().splitlines()[0]
    '  LinkName  ElapsedTime  Occurrence'
    """

    name = 'TimerHook'
    report_column = 'LinkName'

    def __init__(self):
        self.call_history = []
        self._starts = []
        self._total_time = 0

    def _synchronize(self, link):
        if link.xp is not backend.numpy:
            link.xp.cuda.get_current_stream().synchronize()

    def forward_preprocess(self, args):
        self._synchronize(args.link)
        self._start()

    def forward_postprocess(self, args):
        self._synchronize(args.link)
        elapsed = self._stop(type(args.link).__name__)
        if not self._starts:  # an outermost forward
            self._total_time += elapsed

    def total_time(self):
        """Seconds spent in the outermost link forwards."""
        return self._total_time
