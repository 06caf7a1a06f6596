"""The one exception hierarchy of berita_extract.

Every error the library raises on purpose is a :class:`BeritaError`; its
message says what was expected and what to do about it.

>>> from berita_extract import extract
>>> try:
...     extract(None)
... except InputError as err:
...     print(err)
article text must be a str, got NoneType: pass the article body as a string
"""

from __future__ import annotations


class BeritaError(Exception):
    """Base class of every error raised by berita_extract."""


class InputError(BeritaError, ValueError):
    """The input is not something an article can be extracted from."""


class InputTooLongError(InputError):
    """The text is longer than ``max_chars`` and chunking was not asked for."""


class ArgumentError(BeritaError, ValueError):
    """An argument of a public function has the wrong type or value (``batch_size=0``, ``errors="bogus"``)."""


class ExtractionError(BeritaError):
    """The pipeline failed on one article (a bug worth reporting with the article); a batch makes it an error record."""


class ModelDataError(BeritaError):
    """A file under ``models/`` is missing or malformed: reinstall, or rebuild with scripts/build_models.py."""


class BatchInputError(BeritaError):
    """A batch input file cannot be read at all (not one bad record: those become error records)."""


class OutputError(BeritaError):
    """The output cannot be written (read-only folder, a file where a folder should be, disk full)."""


class OptionalDependencyError(BeritaError, ImportError):
    """A feature needs an optional extra that is not installed."""


def require(module: str, extra: str, feature: str):
    """Import ``module`` or raise :class:`OptionalDependencyError` saying which extra to install."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise OptionalDependencyError(
            f"{feature} needs the optional package {module!r}: pip install 'berita-extract[{extra}]'"
        ) from err
