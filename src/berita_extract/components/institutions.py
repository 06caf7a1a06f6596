"""Component `berita_institutions`: finds institutions and writes ``doc.spans["institutions"]``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import spans

GROUP = "institutions"


class InstitutionsFinder:
    """Not implemented yet: writes an empty span group."""

    def __call__(self, doc: Doc) -> Doc:
        spans.ensure_group(doc, GROUP)
        return doc


@Language.factory("berita_institutions")
def make_institutions(nlp: Language, name: str) -> InstitutionsFinder:
    return InstitutionsFinder()
