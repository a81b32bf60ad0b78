"""Where data sets are cached, and downloading into that cache.

The root directory is, in order: the path given to :func:`set_dataset_root`,
the ``CHAINLITE_DATASET_ROOT`` environment variable, ``~/.chainlite/dataset``.
Every file is written to a temporary name in its final directory and moved
into place with ``os.replace``, so an interrupted download or conversion
never leaves a half-written file behind.

>>> import os, tempfile
>>> root = tempfile.mkdtemp()
>>> set_dataset_root(root)
>>> get_dataset_directory('demo') == os.path.join(root, 'demo')
True
>>> set_dataset_root(None)
"""
import hashlib
import os
import shutil
import sys
import urllib.error
import urllib.request

from chainlite.serializers._base import write_atomically

_dataset_root = None


def get_dataset_root():
    """Returns the root directory of the data set cache."""
    if _dataset_root is not None:
        return _dataset_root
    env = os.environ.get('CHAINLITE_DATASET_ROOT')
    if env:
        return env
    return os.path.join(os.path.expanduser('~'), '.chainlite', 'dataset')


def set_dataset_root(path):
    """Sets the root directory of the data set cache (``None`` restores the default)."""
    global _dataset_root
    _dataset_root = None if path is None else os.fspath(path)


def get_dataset_directory(dataset_name, create_directory=True):
    """Returns ``<root>/<dataset_name>``, creating it unless ``create_directory`` is False."""
    path = os.path.join(get_dataset_root(), dataset_name)
    if create_directory:
        os.makedirs(path, exist_ok=True)
    return path


def cached_download(url):
    """Downloads ``url`` once into ``<root>/_dl_cache`` and returns the cached file's path.

    The cache file is named by the MD5 hash of the URL; a later call with the
    same URL returns it without touching the network.
    """
    cache_path = os.path.join(get_dataset_directory('_dl_cache'),
                              hashlib.md5(url.encode('utf-8')).hexdigest())
    if os.path.exists(cache_path):
        return cache_path

    def fetch(tmp_path):
        print('Downloading from %s...' % url, file=sys.stderr)
        with urllib.request.urlopen(url) as response, open(tmp_path, 'wb') as f:
            shutil.copyfileobj(response, f)

    write_atomically(cache_path, fetch)
    return cache_path


def cached_download_naming(url, what):
    """``cached_download(url)``; when it fails, the error names ``what`` and the URL.

    The error (a ``urllib.error.URLError`` for a network failure, else an ``OSError``)
    also says where to put a copy of the file by hand.
    """
    try:
        return cached_download(url)
    except OSError as e:
        reason = e.reason if isinstance(e, urllib.error.URLError) else e
        message = ('cannot download the %s file %s (%s); without network access, put a copy '
                   'of it into the download cache %s (named by the MD5 hash of the URL, see '
                   'chainlite.dataset.download.cached_download)'
                   % (what, url, reason, os.path.join(get_dataset_root(), '_dl_cache')))
        if isinstance(e, urllib.error.URLError):
            raise urllib.error.URLError(message) from e
        raise OSError(message) from e


def cache_or_load_file(path, creator, loader):
    """Returns ``loader(path)`` if ``path`` exists; otherwise makes it with ``creator``.

    ``creator(tmp_path)`` writes the file to the temporary path it is given and
    returns the data set, which is returned as is; the file is then moved to
    ``path``. If ``creator`` raises, nothing is left at ``path``.
    """
    if os.path.exists(path):
        return loader(path)
    return write_atomically(path, creator)
