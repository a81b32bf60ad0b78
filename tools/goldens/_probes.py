"""Shared by the probe golden scripts (not a golden script itself): runs a script's probes,
each ``probe(ch, folder)`` with ``ch`` the framework (chainer or chainlite), in one fresh
temporary folder that is removed afterwards."""
import shutil
import tempfile


def run(ch, probes):
    """``{name: probe(ch, folder)}`` for each of ``probes`` (a dict name -> probe)."""
    out = tempfile.mkdtemp()
    try:
        return {name: probe(ch, out) for name, probe in probes.items()}
    finally:
        shutil.rmtree(out)
