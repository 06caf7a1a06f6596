"""Component `berita_places`: finds places and writes ``doc.spans["places"]``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import spans

GROUP = "places"


class PlacesFinder:
    """Not implemented yet: writes an empty span group."""

    def __call__(self, doc: Doc) -> Doc:
        spans.ensure_group(doc, GROUP)
        return doc


@Language.factory("berita_places")
def make_places(nlp: Language, name: str) -> PlacesFinder:
    return PlacesFinder()
