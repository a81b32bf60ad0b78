"""Run a flaky (random) test several times: ``retry``, ``repeat``,
``repeat_with_success_at_least`` (``chainer.testing.condition``).

>>> calls = []
>>> @retry(3)
... def test_flaky():
...     calls.append(1)
...     assert len(calls) == 2
>>> test_flaky()
>>> len(calls)
2
"""
import functools


def repeat_with_success_at_least(times, min_success):
    """Decorator: runs the test ``times`` times; it passes when ``min_success`` runs pass
    (stops as soon as the outcome is decided) and otherwise re-raises the last failure."""
    if not 0 <= min_success <= times:
        raise ValueError('repeat_with_success_at_least: need 0 <= min_success <= times, got '
                         'times={}, min_success={}'.format(times, min_success))

    def decorate(test):
        @functools.wraps(test)
        def wrapper(*args, **kwargs):
            successes, failure = 0, None
            for run in range(times):
                if successes >= min_success or successes + times - run < min_success:
                    break
                try:
                    test(*args, **kwargs)
                except AssertionError as e:
                    failure = e
                else:
                    successes += 1
            if successes < min_success:
                raise AssertionError('{} of {} runs passed, {} needed'.format(
                    successes, times, min_success)) from failure
        return wrapper
    return decorate


def repeat(times):
    """Decorator: the test must pass ``times`` times in a row."""
    return repeat_with_success_at_least(times, times)


def retry(times):
    """Decorator: the test must pass at least once in ``times`` tries."""
    return repeat_with_success_at_least(times, 1)
