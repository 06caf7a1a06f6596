"""One token view per doc: the spaCy tokens as columns, with word classes from ``models/``.

Every component reads the same view instead of cutting its own words out of ``doc.text``.
The view is built once per doc (:func:`view`, cached in ``doc.user_data``) from
``doc.to_array`` — a handful of C-level column reads — and holds plain Python lists, never
one object per token:

- ``start[i]``, ``end[i]``: character offsets of token ``i`` in ``doc.text``;
- ``orth``, ``lower``: numpy columns of spaCy's string hashes of each token and its lower-case
  form (compare with :func:`word_id`: ``tv.lower == word_id("mantan")``);
- ``flags[i]``: a bit set of the token's shape (:data:`CAP`, :data:`UPPER`, :data:`DIGIT`,
  :data:`PUNCT`, ...) and word classes (:data:`TITLE`, :data:`RANK`, :data:`HONORIFIC`,
  :data:`REGION`, :data:`NUMBER_WORD`, :data:`REPORTING_VERB`, ...).

Flags are lexical, so they are computed once per distinct written form for the whole process
(a dict from the form's hash to its bits) and each doc costs one dict lookup per token.
A multi-word entry of a class ("Kepala Dinas", "Kutai Kartanegara") flags its *first* word:
the flag says "a form of this class may start here"; the rule that reads it checks the rest.

>>> import spacy
>>> doc = spacy.blank("id")("Kata Bupati Paser Fahmi, lima hari lalu.")
>>> tv = view(doc)
>>> [tv.word(i) for i in tv.having(TITLE)], [tv.word(i) for i in tv.having(NUMBER_WORD)]
(['Bupati'], ['lima'])
>>> tv.has(0, REPORTING_VERB | CAP), tv.has(4, PUNCT), tv.index_at(tv.start[3] + 2)
(True, True, 3)
"""

from __future__ import annotations

import bisect
import functools
from typing import Callable, Iterator

import numpy

from spacy.attrs import IDX, LENGTH, LOWER, ORTH
from spacy.strings import hash_string
from spacy.tokens import Doc

from .normalize.names import degree_forms, fold, honorific_forms, modifier_table, rank_table, title_table
from .resources import read_table
from .spans import doc_text

# ------------------------------------------------------------------ flags

# Shape bits (from the written form).
CAP = 1 << 0  # first character upper case ("Bupati", "KPU")
UPPER = 1 << 1  # every cased character upper case, at least two letters ("KPU")
ALPHA = 1 << 2  # letters only
DIGIT = 1 << 3  # digits only
PUNCT = 1 << 4  # no letter and no digit
HAS_DOT = 1 << 5  # contains a dot ("S.Sos.", "dr.")

# Word-class bits (from models/, compared on the lower-cased form unless said otherwise).
TITLE = 1 << 8  # first word of a position (titles.csv)
MODIFIER = 1 << 9  # first word of a modifier or former-office word (title_modifiers.csv: Plt, mantan)
TITLE_WORD = 1 << 10  # a word inside a position (title_words.csv: units, portfolios, acronyms)
RANK = 1 << 11  # first word of a police or military rank (ranks.csv), dots ignored
HONORIFIC = 1 << 12  # honorific or form of address (honorifics.csv), dots ignored
DEGREE = 1 << 13  # academic degree (degrees.csv), dots ignored
REGION = 1 << 14  # first word of a region an office carries (office_regions.csv)
NUMBER_WORD = 1 << 15  # a number word (number_words.csv)
REPORTING_VERB = 1 << 16  # a word that attributes a quotation (reporting_verbs.csv)
MONTH = 1 << 17  # a month name or abbreviation (dates.csv)
COMMON = 1 << 18  # seldom capitalised mid-sentence (common_words.csv)
NAME_WORD = 1 << 19  # seen in person names (name_words.csv)
NOT_NAME = 1 << 20  # never part of a name after a position (not_names.csv)
NAMED_BODY = 1 << 21  # a noun that takes a proper name after it (named_bodies.csv)


def _first_words(forms, key=str.lower) -> frozenset[str]:
    return frozenset(key(f).split()[0] for f in forms if f.strip())


@functools.lru_cache(maxsize=1)
def _class_words() -> dict[int, frozenset[str]]:
    """Class bit -> the lower-cased words that carry it."""
    col = lambda name, column="word": [r[column] for r in read_table(name)]  # noqa: E731
    return {
        TITLE: frozenset(k[0] for k in title_table()),
        MODIFIER: frozenset(k[0] for k in modifier_table() if k),
        TITLE_WORD: frozenset(w.lower() for w in col("title_words.csv")),
        REGION: _first_words(col("office_regions.csv", "form")),
        NUMBER_WORD: frozenset(col("number_words.csv")),
        REPORTING_VERB: frozenset(w.lower() for w in col("reporting_verbs.csv")),
        MONTH: frozenset(r["form"].lower() for r in read_table("dates.csv") if r["kind"] == "month"),
        COMMON: frozenset(w.lower() for w in col("common_words.csv")),
        NAME_WORD: frozenset(w.lower() for w in col("name_words.csv")),
        NOT_NAME: frozenset(w.lower() for w in col("not_names.csv")),
        NAMED_BODY: frozenset(w.lower() for w in col("named_bodies.csv")),
    }


@functools.lru_cache(maxsize=1)
def _folded_classes() -> tuple[tuple[int, frozenset[str]], ...]:
    """Classes compared without dots or spaces (``fold``): ranks, honorifics, degrees."""
    ranks = frozenset(k[0] for k in rank_table() if k)
    return ((RANK, ranks), (HONORIFIC, honorific_forms()), (DEGREE, degree_forms()))


def _shape(text: str) -> int:
    bits = 0
    if text[:1].isupper():
        bits |= CAP
    if text.isupper() and sum(c.isalpha() for c in text) >= 2:
        bits |= UPPER
    if text.isalpha():
        bits |= ALPHA
    elif text.isdigit():
        bits |= DIGIT
    elif not any(c.isalnum() for c in text):
        bits |= PUNCT
    if "." in text:
        bits |= HAS_DOT
    return bits


def flags_of(text: str) -> int:
    """The flag bits of one written form.

    >>> flags_of("AKBP") & RANK != 0, flags_of("Hj.") & HONORIFIC != 0, flags_of("hj") & CAP
    (True, True, 0)
    """
    bits = _shape(text)
    low = text.lower()
    for bit, words in _class_words().items():
        if low in words:
            bits |= bit
    folded = fold(text)
    for bit, words in _folded_classes():
        if folded in words:
            bits |= bit
    return bits


_FLAGS: dict[int, int] = {}
"""Hash of a written form -> its flag bits, shared by every doc of the process."""


def word_id(word: str) -> int:
    """spaCy's hash of ``word``, the value ``TokenView.orth`` / ``TokenView.lower`` hold."""
    return hash_string(word)


# ------------------------------------------------------------------ the view

KEY = "berita_tokens"


class TokenView:
    """Columns over a doc's tokens; see the module docstring."""

    __slots__ = ("text", "start", "end", "orth", "lower", "flags")

    def __init__(self, doc: Doc, text: str):
        self.text = text
        cols = doc.to_array([IDX, LENGTH, ORTH, LOWER]).reshape(len(doc), 4)
        start = cols[:, 0].astype(numpy.int64)
        self.start = start.tolist()
        self.end = (start + cols[:, 1].astype(numpy.int64)).tolist()
        # Hashes stay numpy columns: 64-bit Python ints for every token cost more than the rest.
        self.orth, self.lower = cols[:, 2], cols[:, 3]
        forms, where = numpy.unique(self.orth, return_inverse=True)
        get, strings = _FLAGS.get, doc.vocab.strings
        bits = []
        for h in forms.tolist():
            b = get(h)
            if b is None:  # a form not seen before in this process
                b = _FLAGS[h] = flags_of(strings[h])
            bits.append(b)
        self.flags = numpy.array(bits, dtype=numpy.int64)[where.reshape(-1)].tolist() if bits else []

    def __len__(self) -> int:
        return len(self.start)

    def word(self, i: int) -> str:
        """The written form of token ``i``."""
        return self.text[self.start[i]:self.end[i]]

    def low(self, i: int) -> str:
        """The lower-cased form of token ``i``."""
        return self.text[self.start[i]:self.end[i]].lower()

    def has(self, i: int, bits: int) -> bool:
        """True when token ``i`` carries every bit of ``bits``."""
        return self.flags[i] & bits == bits

    def having(self, bits: int, start: int = 0, end: int | None = None) -> list[int]:
        """Indices of the tokens in ``start:end`` that carry any bit of ``bits``."""
        flags = self.flags
        stop = len(flags) if end is None else end
        return [i for i in range(start, stop) if flags[i] & bits]

    def index_at(self, char: int) -> int:
        """Index of the token that contains (or first follows) character ``char``."""
        i = bisect.bisect_right(self.start, char) - 1
        if i >= 0 and char < self.end[i]:
            return i
        return i + 1

    def tokens_in(self, start: int, end: int) -> range:
        """Indices of the tokens that lie inside characters ``start:end``."""
        return range(bisect.bisect_left(self.start, start), bisect.bisect_right(self.end, end))

    def runs(self, pred: Callable[[int], bool], start: int = 0, end: int | None = None) -> Iterator[range]:
        """Maximal runs of consecutive tokens for which ``pred(i)`` holds."""
        stop = len(self) if end is None else end
        i = start
        while i < stop:
            if pred(i):
                j = i + 1
                while j < stop and pred(j):
                    j += 1
                yield range(i, j)
                i = j
            else:
                i += 1


def view(doc: Doc) -> TokenView:
    """The doc's token view, built on first use and kept in ``doc.user_data``."""
    tv = doc.user_data.get(KEY)
    if tv is None or len(tv) != len(doc):
        tv = doc.user_data[KEY] = TokenView(doc, doc_text(doc))
    return tv


def warm() -> None:
    """Load every word class now (at pipeline build), not on the first article."""
    _class_words()
    _folded_classes()
