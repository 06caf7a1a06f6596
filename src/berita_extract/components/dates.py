"""Component `berita_dates`: finds dates and writes ``doc.spans["dates"]``.

The grammar lives in :mod:`berita_extract.normalize.dates`; this component runs
its patterns over ``doc.text`` (through :mod:`berita_extract.rx`, time-limited),
reads the article's dateline, and adds one payload per date mention.

The base for relative dates and missing years is the caller's publication date
(``doc.user_data[assemble.PUBLISHED_KEY]``); without one, the dateline date,
which is then stored under ``assemble.DATELINE_KEY`` so it fills
``Article.published``. A yearless date with neither takes the year of the
nearest date before it (else after it) in the text that writes one. ``dateparser`` only reads spans that
look like dates but that the grammar cannot read (rare): it is imported then.

>>> import spacy
>>> nlp = spacy.blank("id"); _ = nlp.add_pipe("berita_dates")
>>> doc = nlp("Jakarta, Selasa (6/2/2024) - Rapat kemarin membahas jadwal 6-8 Februari.")
>>> [(p["fields"]["value"], p["fields"]["relative"], p["fields"]["range"]) for p in spans.payloads(doc, "dates")]
[('2024-02-06', False, None), ('2024-02-05', True, None), ('2024-02-06', False, 'start'), ('2024-02-08', False, 'end')]
>>> doc.user_data[DATELINE_KEY]
datetime.date(2024, 2, 6)
"""

from __future__ import annotations

import datetime as _dt

from spacy.language import Language
from spacy.tokens import Doc

from .. import spans
from ..assemble import DATELINE_KEY, PUBLISHED_KEY
from ..normalize import dates as grammar

GROUP = "dates"


def _key(value: str, relative: bool) -> str:
    return f"{value}|{'rel' if relative else 'abs'}"


class DatesFinder:
    """Finds calendar dates (see the module docstring)."""

    def __call__(self, doc: Doc) -> Doc:
        spans.ensure_group(doc, GROUP)
        text = spans.doc_text(doc)
        found = grammar.candidates(text, doc=doc)
        published = doc.user_data.get(PUBLISHED_KEY)
        base = published if isinstance(published, _dt.date) else None
        if base is None:
            line = grammar.dateline(text, found)
            if line is not None:
                doc.user_data[DATELINE_KEY] = line
                base = line
        readings = grammar.resolve(found, base)
        readings += self._fallback(text, found, base, doc)
        # A record is year_inferred only if no mention of it writes the year.
        explicit = {_key(r.value, r.relative) for r in readings if not r.year_inferred}
        for r in sorted(readings, key=lambda r: r.start):
            key = _key(r.value, r.relative)
            spans.add(
                doc, GROUP, r.start, r.end, rule=r.rule, key=key,
                # The fullest form names the record: a mention with its year and weekday first.
                primary=not r.relative and not r.year_inferred and r.weekday,
                fields={
                    "value": r.value,
                    "text": text[r.start:r.end],
                    "relative": r.relative,
                    "range": r.range,
                    "year_inferred": r.year_inferred and key not in explicit,
                },
            )
        return doc

    @staticmethod
    def _fallback(text, found, base, doc) -> list[grammar.Reading]:
        """Readings by ``dateparser`` of date-like spans the grammar left unread."""
        out = []
        for start, end in grammar.loose_spans(text, doc=doc):
            if any(c.start < end and start < c.end for c in found):
                continue
            value = grammar.parse_fallback(text[start:end], base)
            if value is not None:
                out.append(grammar.Reading(start, end, value, "dates.fallback_dateparser"))
        return out


@Language.factory("berita_dates")
def make_dates(nlp: Language, name: str) -> DatesFinder:
    return DatesFinder()
