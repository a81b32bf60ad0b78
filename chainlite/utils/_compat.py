"""Small Chainer utilities: experimental/non-deterministic warnings and ``tempdir``.

``chainer.utils`` exposes these at its top level; chainlite's ``utils/__init__.py``
re-exports them from here.

>>> import os, warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter('always')
...     experimental('MyLink.fancy')
>>> str(caught[0].message)
'MyLink.fancy is experimental. The interface can change in the future.'
>>> with tempdir() as path:
...     os.path.isdir(path)
True
>>> os.path.exists(path)
False
"""
import contextlib
import shutil
import tempfile
import warnings

from chainlite.configuration import config


def experimental(api_name):
    """Warns (FutureWarning) that ``api_name`` is experimental, as Chainer does.

    Silenced when ``chainlite.disable_experimental_feature_warning`` is true.
    """
    import chainlite
    if getattr(chainlite, 'disable_experimental_feature_warning', False):
        return
    warnings.warn('{} is experimental. The interface can change in the future.'
                  .format(api_name), FutureWarning, stacklevel=3)


def nondeterministic(f_name):
    """Warns that ``f_name`` may not be deterministic, when
    ``config.warn_nondeterministic`` is set."""
    if getattr(config, 'warn_nondeterministic', False):
        warnings.warn('Potentially non-deterministic code is being executed while '
                      'config.warn_nondeterministic set. Source: ' + f_name, stacklevel=3)


@contextlib.contextmanager
def tempdir(**kwargs):
    """Context manager: ``tempfile.mkdtemp(**kwargs)``, removed with its contents at exit."""
    path = tempfile.mkdtemp(**kwargs)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
