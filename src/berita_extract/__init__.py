"""berita_extract: structured, checkable records from Indonesian regional news.

>>> import berita_extract
>>> art = berita_extract.extract("Pemkab Paser menyiapkan Rp 6,7 miliar.")
>>> sorted(art.model_dump(mode="json"))[:4]
['amounts', 'dates', 'error', 'foreign_amounts']
"""

from .api import MAX_CHARS, extract, load, pipe
from .display import render
from .tables import to_frames
from .errors import BeritaError, InputError, InputTooLongError, ModelDataError, OptionalDependencyError
from .records import (
    Amount,
    Article,
    DateMention,
    ForeignAmount,
    Institution,
    Mention,
    Official,
    Place,
    Quote,
    Record,
    Score,
)

__version__ = "0.1.0"


def __getattr__(name: str):
    # the archive needs the [archive] extra: import it only when asked for
    if name == "Archive":
        from .archive import Archive

        return Archive
    raise AttributeError(f"module 'berita_extract' has no attribute {name!r}")


__all__ = [
    "extract", "pipe", "load", "render", "to_frames", "MAX_CHARS", "Archive",
    "Article", "Record", "Mention", "Official", "Institution", "Amount", "ForeignAmount", "Score", "DateMention", "Place", "Quote",
    "BeritaError", "InputError", "InputTooLongError", "ModelDataError", "OptionalDependencyError",
    "__version__",
]
