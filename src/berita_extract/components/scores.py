"""Component `berita_scores`: finds scores and writes ``doc.spans["scores"]``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import spans

GROUP = "scores"


class ScoresFinder:
    """Not implemented yet: writes an empty span group."""

    def __call__(self, doc: Doc) -> Doc:
        spans.ensure_group(doc, GROUP)
        return doc


@Language.factory("berita_scores")
def make_scores(nlp: Language, name: str) -> ScoresFinder:
    return ScoresFinder()
