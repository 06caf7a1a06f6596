"""Component `berita_amounts`: finds amounts and writes ``doc.spans["amounts"]``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import spans

GROUP = "amounts"


class AmountsFinder:
    """Not implemented yet: writes an empty span group."""

    def __call__(self, doc: Doc) -> Doc:
        spans.ensure_group(doc, GROUP)
        return doc


@Language.factory("berita_amounts")
def make_amounts(nlp: Language, name: str) -> AmountsFinder:
    return AmountsFinder()
