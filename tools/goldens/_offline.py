"""Shared by the golden scripts of downloaded datasets (not a golden script itself):
Chainer runs unmodified and offline, its downloads answered with stand-in files.

Runs in the reference environment, imported by a script of this folder.
"""
import email.message
import io
import os
import tempfile
import urllib.error
import urllib.request
import urllib.response


class Serve(urllib.request.BaseHandler):
    """Answers http(s) requests with the bytes of ``files`` (a dict URL -> bytes) and logs
    every URL asked in ``log``; a URL not in ``files`` fails as a network error."""

    handler_order = 100  # before urllib's own handlers

    def __init__(self, files, log):
        self.files = files
        self.log = log

    def _open(self, request):
        url = request.full_url
        self.log.append(url)
        if url not in self.files:
            raise urllib.error.URLError('not served: %s' % url)
        headers = email.message.Message()
        headers['Content-Length'] = str(len(self.files[url]))
        response = urllib.response.addinfourl(io.BytesIO(self.files[url]), headers, url, 200)
        response.msg = 'OK'
        return response

    http_open = https_open = _open


def serve(files, log):
    """Answers every download of this process from ``files`` (see :class:`Serve`)."""
    urllib.request.install_opener(urllib.request.build_opener(Serve(files, log)))


def fresh_root():
    """Points Chainer's dataset root at a new empty directory; returns it."""
    root = tempfile.mkdtemp()
    os.environ['CHAINER_DATASET_ROOT'] = root
    from chainer.dataset import download
    download.set_dataset_root(root)
    return root
