"""One spaCy component per record type, each registered as a factory.

Each writes ``doc.spans["<type>"]`` (see :mod:`berita_extract.spans`) and
knows nothing of pydantic. Importing this package registers every factory;
installed packages also expose them through the ``spacy_factories`` entry
point, so ``spacy.blank("id").add_pipe("berita_amounts")`` works on its own.
"""

from . import amounts, dates, institutions, officials, places, quotes, scores  # noqa: F401

FACTORIES = {
    "dates": "berita_dates",
    "places": "berita_places",
    "institutions": "berita_institutions",
    "officials": "berita_officials",
    "quotes": "berita_quotes",
    "amounts": "berita_amounts",
    "scores": "berita_scores",
}
"""Record type -> factory name, in pipeline order: later components read earlier ones' spans."""
