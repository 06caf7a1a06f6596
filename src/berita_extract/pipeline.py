"""The spaCy pipeline: the Indonesian tokenizer plus our components in a fixed order."""

from __future__ import annotations

from typing import Iterable

from spacy import util
from spacy.lang.id import Indonesian
from spacy.lang.id import punctuation as id_punct
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from . import components
from .components import FACTORIES

# spaCy's HTML_PREFIX has a top-level "|", so only its first branch is anchored
# and prefix_search scans the whole token (../shared/PERFORMANCE.md): group it.
_PREFIXES = [
    f"(?:{p})" if p == id_punct.HTML_PREFIX else p
    for p in id_punct.TOKENIZER_PREFIXES
]


class _BeritaDefaults(Indonesian.Defaults):
    # The corrected prefixes are built into the tokenizer once: setting prefix_search after
    # spacy.blank("id") reloaded all ~16,000 special cases a second time (issue 14).
    prefixes = _PREFIXES


class LazyTokenizer(Tokenizer):
    """spaCy's tokenizer that adds a special case only when a text first contains its key.

    Loading Indonesian's ~16,000 special cases ("anak-anak", "dll.") is most of
    ``spacy.blank("id")``'s start-up, and one article uses a handful. A special case can only
    change the tokens of a white-space-free chunk that contains its key (spaCy looks keys up on
    substrings of a chunk; its special-case matcher matches tokens of one chunk), so adding,
    before each text, the keys that occur inside its chunks gives the eager tokenizer's tokens.
    Keys with white space in them are loaded at once. ``rules`` lists the loaded cases only;
    pickling carries all of them.
    """

    def __init__(self, vocab, rules=None, *args, **kwargs):
        rules = dict(rules or {})
        now = {k: v for k, v in rules.items() if any(c.isspace() for c in k)}
        super().__init__(vocab, now, *args, **kwargs)
        self._pending = {k: v for k, v in rules.items() if k not in now}
        self._longest = max(map(len, self._pending), default=0)
        self._seen: set[str] = set()

    def __call__(self, text):
        if self._pending:
            self._load_for(text)
        return super().__call__(text)

    def _load_for(self, text: str) -> None:
        pending, seen, longest = self._pending, self._seen, self._longest
        if len(seen) > 500_000:  # bound memory over a long run; rescanning a chunk is only slower
            seen.clear()
        found = []
        for chunk in text.split():
            if chunk in seen:
                continue
            seen.add(chunk)
            n = len(chunk)
            for i in range(n):
                for j in range(i + 1, min(n, i + longest) + 1):
                    if chunk[i:j] in pending:
                        found.append(chunk[i:j])
        for key in found:
            if key in pending:
                self.add_special_case(key, pending.pop(key))

    def __reduce__(self):
        _, args, *rest = super().__reduce__()
        return (type(self), (args[0], {**self.rules, **self._pending}, *args[2:]), *rest)


def _lazy_tokenizer(nlp: Language) -> Tokenizer:
    d = nlp.Defaults
    return LazyTokenizer(
        nlp.vocab, rules=d.tokenizer_exceptions,
        prefix_search=util.compile_prefix_regex(d.prefixes).search,
        suffix_search=util.compile_suffix_regex(d.suffixes).search,
        infix_finditer=util.compile_infix_regex(d.infixes).finditer,
        token_match=d.token_match, url_match=d.url_match,
    )


class BeritaIndonesian(Indonesian):
    """spaCy's Indonesian with the corrected prefix pattern and special cases loaded lazily
    (:class:`LazyTokenizer`); tokens as ``spacy.blank("id")``'s with the prefix fix."""

    Defaults = _BeritaDefaults

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("create_tokenizer", _lazy_tokenizer)
        super().__init__(*args, **kwargs)


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
    nlp = BeritaIndonesian()
    for record_type, factory in FACTORIES.items():
        if record_type in wanted:
            nlp.add_pipe(factory)
    return nlp


__all__ = ["build", "components"]
