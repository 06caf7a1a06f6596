"""Component `berita_officials`: finds officials and writes ``doc.spans["officials"]``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import spans

GROUP = "officials"


class OfficialsFinder:
    """Not implemented yet: writes an empty span group."""

    def __call__(self, doc: Doc) -> Doc:
        spans.ensure_group(doc, GROUP)
        return doc


@Language.factory("berita_officials")
def make_officials(nlp: Language, name: str) -> OfficialsFinder:
    return OfficialsFinder()
