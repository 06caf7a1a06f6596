"""The spaCy pipeline: the Indonesian tokenizer plus our components in a fixed order."""

from __future__ import annotations

from typing import Iterable

import spacy
from spacy.language import Language
from spacy.lang.id import punctuation as id_punct
from spacy.util import compile_prefix_regex

from . import components
from .components import FACTORIES

# spaCy's HTML_PREFIX has a top-level "|", so only its first branch is anchored
# and prefix_search scans the whole token (../shared/PERFORMANCE.md): group it.
_PREFIXES = [
    f"(?:{p})" if p == id_punct.HTML_PREFIX else p
    for p in id_punct.TOKENIZER_PREFIXES
]


def build(types: Iterable[str] | None = None) -> Language:
    """A fresh pipeline with the components for ``types`` (all record types by default).

    >>> nlp = build(["amounts"])
    >>> nlp.pipe_names
    ['berita_amounts']
    """
    wanted = list(FACTORIES) if types is None else list(types)
    unknown = [t for t in wanted if t not in FACTORIES]
    if unknown:
        from .errors import BeritaError

        raise BeritaError(f"unknown record types {unknown}: choose from {list(FACTORIES)}")
    nlp = spacy.blank("id")
    nlp.tokenizer.prefix_search = compile_prefix_regex(_PREFIXES).search
    for record_type, factory in FACTORIES.items():
        if record_type in wanted:
            nlp.add_pipe(factory)
    return nlp


__all__ = ["build", "components"]
