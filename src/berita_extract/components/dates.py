"""Component `berita_dates`: finds dates and writes ``doc.spans["dates"]``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import spans

GROUP = "dates"


class DatesFinder:
    """Not implemented yet: writes an empty span group."""

    def __call__(self, doc: Doc) -> Doc:
        spans.ensure_group(doc, GROUP)
        return doc


@Language.factory("berita_dates")
def make_dates(nlp: Language, name: str) -> DatesFinder:
    return DatesFinder()
