"""Imported by the worker fork server (see :mod:`berita_extract.parallel`): build the pipeline once.

Every worker is then forked with the pipeline already in memory. A failure here
is not fatal: each worker builds the pipeline itself and reports the error.
"""

try:
    from .core import load

    load()
except Exception:  # noqa: BLE001 - the workers will raise it where it can be seen
    pass
