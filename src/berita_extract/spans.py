"""How components hand their findings to assembly: labelled spans with a payload.

A component writes ``doc.spans["<type>"]``; each span carries ``span._.berita``,
a plain JSON-able dict (so it crosses process boundaries unchanged)::

    {"start": 10, "end": 23,          # exact character offsets of the mention
     "rule": "amounts.rp_scale",       # the rule that found it
     "key": "6700000000|polres paser", # mentions with one key become one record
     "primary": False,                 # optional: this mention's fields win
     "fields": {...}}                  # fields of the record (see records.py)

The span itself is the token-aligned cover of the mention (for displaCy and
``doc.spans`` users); the payload's offsets are the truth.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

EXT = "berita"


def _payload(span: Span) -> dict | None:
    # spaCy keys a span extension's value by the span's character offsets only, so two
    # payloads on the same tokens ("6-8 Februari", "Rp 4-6 ribu") would overwrite each
    # other: keep each payload under the span's own id instead.
    return span.doc.user_data.get((EXT, span.id))


if not Span.has_extension(EXT):
    Span.set_extension(EXT, getter=_payload)


TEXT_KEY = "berita_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per doc: spaCy rebuilds it from every token on each access."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None or len(text) != _text_length(doc):
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def _text_length(doc: Doc) -> int:
    # The last token's offset and length give the text's length without joining the tokens.
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def add(doc: Doc, group: str, start: int, end: int, *, rule: str, key: str, fields: dict,
        primary: bool = False, label: str | None = None) -> Span | None:
    """Add a mention at characters ``start:end`` to ``doc.spans[group]``; returns the span."""
    if not 0 <= start < end <= _text_length(doc):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    spans = doc.spans[group] if group in doc.spans else None
    if spans is None:
        doc.spans[group] = []
        spans = doc.spans[group]
    # A distinct span_id keeps two payloads on the same tokens apart (a range "Rp 4-6 ribu").
    span = Span(doc, span.start, span.end, label=label or group.upper(), span_id=f"{group}{len(spans)}")
    doc.user_data[(EXT, span.id)] = {"start": start, "end": end, "rule": rule, "key": key, "primary": primary,
                                     "fields": fields}
    spans.append(span)
    return span


def payloads(doc: Doc, group: str) -> list[dict]:
    """The payloads of ``doc.spans[group]`` in the order they were added."""
    if group not in doc.spans:
        return []
    # Read the payloads where add() keeps them: through span._ costs about twice as much (issue 14).
    data = doc.user_data
    return [p for p in (data.get((EXT, s.id)) for s in doc.spans[group]) if p is not None]


def ensure_group(doc: Doc, group: str) -> None:
    """Make ``doc.spans[group]`` exist even when a component found nothing."""
    if group not in doc.spans:
        doc.spans[group] = []
