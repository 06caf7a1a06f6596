"""The records an article is turned into: plain pydantic v2 models.

Records know nothing of spaCy. Every record carries its evidence: the
mentions it was built from, each with character offsets into the input text
(``text[start:end] == mention.text``) and the id of the rule that found it.
Attribute docstrings become the descriptions of the JSON Schema
(``Article.model_json_schema()``).
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_serializer

_CONFIG = ConfigDict(use_attribute_docstrings=True, extra="forbid")


_SURROGATE = re.compile("[\ud800-\udfff]")


def has_lone_surrogate(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate, which UTF-8 (JSON, Parquet) cannot carry."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class Mention(BaseModel):
    """One place in the input where a record is mentioned."""

    model_config = _CONFIG

    text: str
    """The mention exactly as written: ``input[start:end]`` (in JSON, a lone surrogate, which UTF-8
    cannot carry, is written as U+FFFD)."""
    start: int = Field(ge=0)
    """Offset of the first character in the input text."""
    end: int = Field(ge=0)
    """Offset one past the last character in the input text."""
    rule: str
    """Id of the rule that found this mention (``component.rule``)."""

    @field_serializer("text", when_used="json")
    def _utf8_text(self, text: str) -> str:
        # The caller's string may hold lone surrogates; JSON output is UTF-8, which cannot.
        if text.isascii():
            return text
        return _SURROGATE.sub("\ufffd", text) if has_lone_surrogate(text) else text


class Record(BaseModel):
    """Fields shared by every record type."""

    model_config = _CONFIG

    mentions: list[Mention] = Field(default_factory=list)
    """Every mention of this record in the input, in text order."""
    rule: str = ""
    """Id of the rule that found the record's first mention."""


class Official(Record):
    """A named person holding a position ("Bupati Paser Fahmi Fadli")."""

    name: str
    """The person's fullest name in the text, without honorifics, ranks or degrees."""
    aliases: list[str] = Field(default_factory=list)
    """Other forms of the name used in the text ("Fahmi")."""
    title: Optional[str] = None
    """The position as written, without its region ("Pj Gubernur", "Kapolres")."""
    title_canonical: Optional[str] = None
    """The position spelled out ("Penjabat Gubernur", "Kepala Kepolisian Resor")."""
    modifier: Optional[str] = None
    """Pj, Plt, Plh, Pjs or Wakil where the position carries one."""
    former: bool = False
    """True for a former office ("mantan Bupati", "eks Ketua KPU")."""
    region: Optional[str] = None
    """The region the position belongs to, as written ("Kaltim")."""
    region_code: Optional[str] = None
    """Kemendagri code of that region ("64")."""
    institution: Optional[str] = None
    """The institution the office belongs to ("Polres Paser" for Kapolres Paser)."""
    rank: Optional[str] = None
    """Police or military rank as written ("AKBP")."""
    honorifics: list[str] = Field(default_factory=list)
    """Honorifics and academic degrees split off the name ("H.", "S.Sos.")."""


InstitutionKind = Literal[
    "government", "legislature", "police", "military", "election", "judicial",
    "party", "company", "media", "school", "other",
]


class Institution(Record):
    """A specific named body ("Polres Paser", "Bawaslu RI")."""

    name: str
    """The body as written most fully, with its region where the text ties one."""
    acronym: Optional[str] = None
    """Its acronym or short form ("Polres")."""
    full_name: Optional[str] = None
    """The expanded name ("Kepolisian Resor Paser")."""
    aliases: list[str] = Field(default_factory=list)
    """Other forms used in the text."""
    kind: InstitutionKind = "other"
    """What sort of body it is."""
    region: Optional[str] = None
    """The region the body belongs to, as written."""
    region_code: Optional[str] = None
    """Kemendagri code of that region."""


AmountRole = Literal[
    "budget", "realisation", "grant", "state_loss", "bribe", "fine", "pay", "price", "revenue",
    "debt", "investment",
]
"""The closed vocabulary of an amount's ``role`` (see :attr:`Amount.role`)."""


class Amount(Record):
    """A sum of money ("Rp 6,7 miliar" is 6700000000 rupiah)."""

    value: int
    """The sum as a whole number of units of ``currency``."""
    currency: str = "IDR"
    """ISO 4217 code of the currency."""
    text: str
    """The amount as written."""
    qualifier: Optional[str] = None
    """A hedge written before the amount ("sekitar", "lebih dari", "hampir")."""
    range: Optional[Literal["low", "high"]] = None
    """Which end of a range this amount is ("Rp 4-6 ribu"), or None."""
    recipient: Optional[str] = None
    """The body or person the money goes to or is for, as written."""
    recipient_type: Optional[Literal["institution", "official", "place", "purpose", "text"]] = None
    """Which kind of record ``recipient`` names; "purpose" for what the money is for
    ("pembangunan rumah layak huni"), "text" for other free text."""
    recipient_key: Optional[str] = None
    """The ``name`` of the institution, official or place record ``recipient`` names, if any."""
    payer: Optional[str] = None
    """Who gives or pays the sum, as written ("APBD", "Pemprov Sumut"), or None."""
    payer_type: Optional[Literal["institution", "official", "place", "text"]] = None
    """Which kind of record ``payer`` names; "text" when it is free text."""
    role: Optional[AmountRole] = None
    """What the sum is, where the text says it; one of the closed vocabulary ``AmountRole``:
    budget (anggaran, alokasi, pagu), realisation (realisasi, serapan), grant (hibah, bantuan,
    subsidi, bansos), state_loss (kerugian negara), bribe (suap, gratifikasi, fee, setoran,
    pemerasan), fine (denda, ganti rugi), pay (gaji, tunjangan, honor), price (harga, biaya, tarif,
    nilai kontrak), revenue (pendapatan, penerimaan, dividen, laba, pajak), debt (utang,
    pinjaman, tunggakan), investment (investasi, modal)."""
    converted_from: Optional[str] = None
    """The foreign sum this rupiah figure converts, as written ("4 triliun dollar AS"); such a
    figure restates that sum in rupiah and is no rupiah spent or received."""


class ForeignAmount(Amount):
    """A sum in a currency other than rupiah ("USD 2,75" is 2.75 dollars), kept exact.

    ``value`` is a :class:`~decimal.Decimal`; in JSON (and in the JSON Schema's
    serialization form) it is a string in plain notation ("2.75", "1500000"), so
    no reader rounds it through a float. It validates from that string or a number.
    """

    value: Decimal
    """The exact sum in units of ``currency``; a decimal string in JSON ("2.75")."""


class Score(Record):
    """A measured value of a named indicator ("IKP 77,04", "inflasi 2,5 persen")."""

    index: str
    """The indicator's name or acronym as written ("IKP", "inflasi")."""
    full_name: Optional[str] = None
    """The spelled-out name where known ("Indeks Kerawanan Pemilu")."""
    aliases: list[str] = Field(default_factory=list)
    """Other forms of the indicator's name in the text."""
    value: float
    """The value as written; percentages as the number of percent (2.5 for "2,5 persen")."""
    unit: Optional[str] = None
    """"percent" for rates written with persen or %, else None."""
    text: str = ""
    """The span from indicator to value as written."""
    region: Optional[str] = None
    """The area the value measures, as written, or None."""
    region_code: Optional[str] = None
    """Kemendagri code of that region."""
    source: Optional[str] = None
    """The body the value is attributed to ("Bawaslu RI"), if the text names one."""
    area: Optional[Literal["perkotaan", "perdesaan"]] = None
    """The urban or rural stratum the value measures ("di kota": perkotaan, "di desa":
    perdesaan), or None for the whole region. ``region`` then names the stratum too, as the
    guidelines write it."""
    period: Optional[str] = None
    """The month, quarter, half or year the value measures, ISO-like: "2025-09", "2025-Q2",
    "2025-H1", "2025"; relative periods ("bulan lalu") resolved against ``published``."""
    indicator: Optional[str] = None
    """A stable key for the indicator (``models/indicators.csv``): "inflasi", "Inflasi" and
    "inflasi tahunan" are all "inflation"; None when the indicator is not in the table."""


class DateMention(Record):
    """A calendar date ("Selasa 6 Februari 2024" is 2024-02-06)."""

    value: str
    """ISO date: "YYYY-MM-DD", or "YYYY-MM" when the text gives no day."""
    text: str
    """The date as written."""
    relative: bool = False
    """True when resolved from a relative expression ("kemarin", "pekan depan")."""
    range: Optional[Literal["start", "end"]] = None
    """Which end of a range this date is ("6-8 Februari 2024"), or None."""
    year_inferred: bool = False
    """True when the year was not written and was taken from the publication date."""


PlaceLevel = Literal["country", "province", "regency", "city", "district", "village", "venue", "other"]


class Place(Record):
    """A named place: a region with its Kemendagri code, or a venue."""

    name: str
    """The place as written most fully."""
    aliases: list[str] = Field(default_factory=list)
    """Other forms used in the text ("Kabupaten Paser" for "Paser")."""
    level: PlaceLevel = "other"
    """Administrative level, or venue/country."""
    code: Optional[str] = None
    """Kemendagri region code ("64.01"); None for venues and foreign places."""
    province_code: Optional[str] = None
    """Code of the province the place lies in, where known."""


class Quote(Record):
    """A direct quotation and who said it."""

    text: str
    """The quoted words, without the quote marks."""
    speaker: Optional[str] = None
    """The speaker's name as in ``officials`` where linked, else as written."""
    speaker_official: bool = False
    """True when ``speaker`` is the name of an official record."""
    verb: Optional[str] = None
    """The reporting verb that attributes the quote ("kata", "tuturnya")."""


class Source(BaseModel):
    """Where a batch input record came from."""

    model_config = _CONFIG

    file: str
    """The input file as given on the command line ("-" for standard input)."""
    line: Optional[int] = None
    """1-based line of the record in that file (JSONL, CSV); None for one-article files."""


class Article(BaseModel):
    """Everything extracted from one article."""

    model_config = _CONFIG

    id: Optional[str] = None
    """The caller's id for the article."""
    title: Optional[str] = None
    """The caller's title for the article."""
    published: Optional[_dt.date] = None
    """Publication date: given by the caller, else read from the article's dateline."""
    officials: list[Official] = Field(default_factory=list)
    """Named people with their positions."""
    institutions: list[Institution] = Field(default_factory=list)
    """Named bodies."""
    amounts: list[Amount] = Field(default_factory=list)
    """Rupiah amounts."""
    scores: list[Score] = Field(default_factory=list)
    """Values of named indices and rates."""
    dates: list[DateMention] = Field(default_factory=list)
    """Calendar dates, ISO-normalized."""
    places: list[Place] = Field(default_factory=list)
    """Regions and venues."""
    quotes: list[Quote] = Field(default_factory=list)
    """Direct quotations with their speakers."""
    foreign_amounts: list[ForeignAmount] = Field(default_factory=list)
    """Sums in currencies other than rupiah (kept apart so they are never read as rupiah)."""
    warnings: list[str] = Field(default_factory=list)
    """Anything that went wrong but did not stop extraction (a regex timeout, cleaned input)."""
    error: Optional[str] = None
    """Set only on an error record: why this input could not be processed (``pipe`` and batch runs)."""
    source: Optional[Source] = None
    """Batch runs only: the input file and line this record was read from."""
    metadata: dict[str, Any] = Field(default_factory=dict)
    """Batch runs only: the input record's other fields, passed through unchanged."""
    text: Optional[str] = None
    """Only when the text was extracted from another format (an HTML page): that text, which every
    mention's offsets point into."""

    _text: Optional[str] = PrivateAttr(default=None)

    def source_text(self) -> Optional[str]:
        """The text this article was extracted from in this process (not part of its JSON)."""
        return self._text

    def _repr_html_(self) -> str:
        from .display import render

        return render(self)


RECORD_TYPES: dict[str, type[Record]] = {
    "officials": Official,
    "institutions": Institution,
    "amounts": Amount,
    "scores": Score,
    "dates": DateMention,
    "places": Place,
    "quotes": Quote,
}
"""Record type of each list field of :class:`Article`, in output order."""
