"""Component `berita_quotes`: finds quotes and writes ``doc.spans["quotes"]``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import spans

GROUP = "quotes"


class QuotesFinder:
    """Not implemented yet: writes an empty span group."""

    def __call__(self, doc: Doc) -> Doc:
        spans.ensure_group(doc, GROUP)
        return doc


@Language.factory("berita_quotes")
def make_quotes(nlp: Language, name: str) -> QuotesFinder:
    return QuotesFinder()
