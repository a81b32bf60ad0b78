"""Shared by the probe golden scripts (not a golden script itself): runs a script's probes,
each ``probe(ch, folder)`` with ``ch`` the framework (chainer or chainlite), in one fresh
temporary folder that is removed afterwards; and records which exception each bad call
raises."""
import shutil
import tempfile


def run(ch, probes):
    """``{name: probe(ch, folder)}`` for each of ``probes`` (a dict name -> probe)."""
    out = tempfile.mkdtemp()
    try:
        return {name: probe(ch, out) for name, probe in probes.items()}
    finally:
        shutil.rmtree(out)


def raised(F, errors):
    """``{'err/<name>': array(the class name of what call(F) raises, or '')}`` for each
    ``name: call`` of ``errors``, ``F`` being the framework's functions module."""
    import numpy
    out = {}
    for name, call in sorted(errors.items()):
        try:
            call(F)
            out['err/' + name] = numpy.array('')
        except Exception as e:  # NOQA: the class is the observation
            out['err/' + name] = numpy.array(type(e).__name__)
    return out
