"""Precision, recall and F1 of predictions against gold records.

Gold files follow the project's annotation format (corpus/README.md): one
``ID.json`` per article, each list holding each distinct thing once, names with
their ``aliases``. The matching rules are those of the shared evaluation
(``../shared/eval/score.py``) so that both report the same figures:

- names compare case-, accent- and punctuation-blind, also after expanding
  common abbreviations ("Pj" = "penjabat", "resort" = "resor", "RI" dropped);
- a prediction is true when it matches a gold item not matched yet; a further
  mention of an already matched gold item is neither true nor false;
- amounts match on value, scores on index name and value (within 0.005),
  dates on the first ten characters of the value, places also without an
  administrative prefix, quotes on the start of the text and the speaker;
- dates that are relative, a bare year, or written without a digit are not scored;
- links (an amount's ``recipient``, a score's and an official's ``region``) are scored over
  the matched pairs as ``score.py --links`` does (:func:`same_link`).

>>> gold = {"amounts": [{"value": 6700000000}], "places": [{"name": "Paser", "aliases": []}]}
>>> pred = {"amounts": [{"value": 6700000000}, {"value": 5}], "places": [{"name": "Kabupaten Paser"}]}
>>> s = score_article(pred, gold)
>>> s["amounts"].tp, s["amounts"].fp, s["places"].tp
(1, 1, 1)
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

FIELDS = ("officials", "institutions", "amounts", "scores", "dates", "places", "quotes")

_ABBREVIATIONS = {
    "pj": "penjabat", "plt": "pelaksana tugas", "plh": "pelaksana harian",
    "wabup": "wakil bupati", "wagub": "wakil gubernur", "wawali": "wakil wali kota",
    "walkot": "wali kota", "walikota": "wali kota", "wakot": "wali kota",
    "sekda": "sekretaris daerah", "kadis": "kepala dinas", "kades": "kepala desa",
    "kapolres": "kepala kepolisian resor", "kapolresta": "kepala kepolisian resor kota",
    "kapolda": "kepala kepolisian daerah", "kapolsek": "kepala kepolisian sektor",
    "kapolri": "kepala kepolisian negara", "dandim": "komandan kodim",
    "danrem": "komandan korem", "pangdam": "panglima kodam",
    "resort": "resor", "ri": "", "republik indonesia": "",
}
_ADMIN = re.compile(r"^(provinsi|prov|kabupaten|kab|kota|kecamatan|kec|kelurahan|kel|desa) ")


def norm(text: str | None) -> str:
    """Case-, accent- and punctuation-blind form of a name.

    >>> norm("Kodim 0904/PSR"), norm("Kepolisian  Resort")
    ('kodim 0904 psr', 'kepolisian resort')
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", plain).split())


def expand(text: str | None) -> str:
    """:func:`norm` with abbreviations spelled out ("Pj Gubernur" -> "penjabat gubernur")."""
    words = " ".join(_ABBREVIATIONS.get(w, w) for w in norm(text).split())
    return " ".join(words.split())


def _forms(*texts: str | None) -> set[str]:
    return {f(t) for t in texts if t for f in (norm, expand)}


def gold_names(item: dict) -> set[str]:
    """Every form a gold item is known by."""
    return _forms(item.get("name"), item.get("index"), item.get("speaker"), *item.get("aliases", []))


def _num(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _same_official(pred: dict, gold: dict) -> bool:
    return norm(pred.get("name")) in gold_names(gold)


def _same_institution(pred: dict, gold: dict) -> bool:
    mine = _forms(pred.get("name")) | {norm(pred.get("acronym"))}
    return bool((mine - {""}) & gold_names(gold))


def _same_amount(pred: dict, gold: dict) -> bool:
    p, g = _num(pred.get("value")), _num(gold.get("value"))
    return p is not None and g is not None and int(p) == int(g)


def _same_score(pred: dict, gold: dict) -> bool:
    p, g = _num(pred.get("value")), _num(gold.get("value"))
    if p is None or g is None or abs(p - g) >= 0.005:
        return False
    return bool(_forms(pred.get("index")) & gold_names(gold))


def _same_date(pred: dict, gold: dict) -> bool:
    return str(pred.get("value", ""))[:10] == str(gold["value"])[:10]


def _without_admin(names: Iterable[str]) -> set[str]:
    names = set(names)
    return names | {_ADMIN.sub("", n) for n in names}


def _same_place(pred: dict, gold: dict) -> bool:
    return bool(_without_admin({norm(pred.get("name"))}) & _without_admin(gold_names(gold)))


def _quote_matcher(gold_article: dict) -> Callable[[dict, dict], bool]:
    # A quote's speaker may be written as any form of the official's name.
    speaker_forms: dict[str, set[str]] = {}
    for official in gold_article.get("officials", []):
        for name in gold_names(official):
            speaker_forms[name] = gold_names(official)

    def same(pred: dict, gold: dict) -> bool:
        start = norm(gold.get("text_start"))[:20]
        if not start or not norm(pred.get("text")).startswith(start):
            return False
        wanted = speaker_forms.get(norm(gold.get("speaker")), {norm(gold.get("speaker"))})
        return norm(pred.get("speaker")) in wanted

    return same


def scored_dates(dates: list[dict]) -> list[dict]:
    """The dates that count: with a digit in the text, more than a year, not relative."""
    return [
        d for d in dates
        if re.search(r"\d", str(d.get("text", "0"))) and len(str(d.get("value", ""))) > 4 and not d.get("relative")
    ]


LINKS = (("amounts", "recipient"), ("scores", "region"), ("officials", "region"))
"""The links scored with ``--links``: (record list, field naming another record)."""
_NATIONAL = {"nasional", "indonesia", "republik indonesia", "ri", "national", "negara"}
# Words that open a purpose phrase around a recipient: "pembangunan BIJB" is "BIJB".
_PURPOSE_WORDS = {"pembangunan", "peningkatan", "pelaksanaan", "pengadaan", "belanja", "program", "proyek",
                  "kegiatan", "semua", "seluruh", "para", "untuk", "bagi", "kepada"}


@functools.lru_cache(maxsize=1)
def _region_codes() -> dict[str, str]:
    """Every name of a Kemendagri region (with and without its prefix) -> its code."""
    from .resources import read_table

    table: dict[str, str] = {}
    for row in read_table("regions.csv"):
        for name in [row["name"], *row["aliases"].split(";")]:
            for key in (norm(name), _ADMIN.sub("", norm(name))):
                if key:
                    table.setdefault(key, row["code"])
    return table


def _link_forms(value: str) -> set[str]:
    return {norm(value), expand(value), _ADMIN.sub("", norm(value))} - {""}


def _core(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0] in _PURPOSE_WORDS:
        words = words[1:]
    return " ".join(words)


def _within(short: str, long: str) -> bool:
    return len(short.split()) >= 2 and f" {short} " in f" {long} "


def same_link(pred_value: str | None, gold_value: str | None, gold_article: dict) -> bool:
    """Whether a predicted link names what the gold link names.

    The same name (prefix- and purpose-word-blind), any name of the gold record it
    names, a phrase holding the other (two words or more), or the same region code.

    >>> gold = {"institutions": [{"name": "Polres Paser", "aliases": ["Kepolisian Resor Paser"]}]}
    >>> same_link("Kepolisian Resor Paser", "Polres Paser", gold), same_link("Paser", "Polres Paser", gold)
    (True, False)
    >>> same_link("Kabupaten Paser", "Paser", {}), same_link("nasional", "Indonesia", {})
    (True, True)
    """
    if not pred_value or not gold_value:
        return False
    mine = _link_forms(pred_value)
    mine |= {_core(n) for n in mine}
    theirs = _link_forms(gold_value)
    for name in ("institutions", "officials", "places"):
        for rec in gold_article.get(name) or []:
            if theirs & gold_names(rec):
                theirs |= _without_admin(gold_names(rec))
    theirs |= {_core(n) for n in theirs}
    if mine & theirs or (mine & _NATIONAL and theirs & _NATIONAL):
        return True
    if any(_within(a, b) or _within(b, a) for a in mine for b in theirs):
        return True
    codes = _region_codes()
    return bool({codes[n] for n in mine if n in codes} & {codes[n] for n in theirs if n in codes})


@dataclass
class FieldResult:
    """Counts and errors of one field over one or more articles."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list = field(default_factory=list)
    missed: list = field(default_factory=list)
    wrong: list = field(default_factory=list)
    """Links only: the matched pairs whose link is false or missed."""

    def add(self, other: "FieldResult") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.false_positives += other.false_positives
        self.missed += other.missed
        self.wrong += other.wrong

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def match(preds: list[dict], golds: list[dict], same: Callable[[dict, dict], bool]) -> FieldResult:
    """Greedy one-to-one matching in prediction order."""
    used: set[int] = set()
    result = FieldResult()
    for pred in preds:
        hit = next((i for i, g in enumerate(golds) if i not in used and same(pred, g)), None)
        if hit is not None:
            used.add(hit)
            result.tp += 1
        elif not any(same(pred, g) for g in golds):
            result.fp += 1
            result.false_positives.append(pred)
    result.missed = [g for i, g in enumerate(golds) if i not in used]
    result.fn = len(result.missed)
    return result


def _title_words(title: str | None) -> set[str]:
    return set(expand(title).split())


def title_hits(pred: dict, gold: dict) -> tuple[int, int]:
    """(right, counted) for title accuracy over the gold officials whose name was found."""
    right = counted = 0
    for g in gold.get("officials", []):
        found = [p for p in pred.get("officials") or [] if _same_official(p, g)]
        if not found:
            continue
        counted += 1
        gw = _title_words(g.get("title"))
        for p in found[:1]:
            for key in ("title", "title_canonical"):
                pw = _title_words(p.get(key))
                if pw and gw and (pw <= gw or gw <= pw):
                    right += 1
                    break
    return right, counted


def _checks(gold: dict) -> dict[str, Callable[[dict, dict], bool]]:
    return {
        "officials": _same_official, "institutions": _same_institution, "amounts": _same_amount,
        "scores": _same_score, "dates": _same_date, "places": _same_place, "quotes": _quote_matcher(gold),
    }


def match_pairs(preds: list[dict], golds: list[dict], same: Callable[[dict, dict], bool]) -> list[tuple[dict, dict]]:
    """The (prediction, gold) pairs of the matching of :func:`match`."""
    used: set[int] = set()
    pairs = []
    for pred in preds:
        hit = next((i for i, g in enumerate(golds) if i not in used and same(pred, g)), None)
        if hit is not None:
            used.add(hit)
            pairs.append((pred, golds[hit]))
    return pairs


def score_links(pred: dict, gold: dict) -> dict[str, FieldResult]:
    """``{"amounts.recipient": ..., ...}``: links right (tp), false (fp) and missed (fn) over matched pairs."""
    checks = _checks(gold)
    out = {}
    for name, key in LINKS:
        r = FieldResult()
        for p, g in match_pairs(pred.get(name) or [], gold.get(name) or [], checks[name]):
            pv, gv = p.get(key), g.get(key)
            if pv and gv and same_link(pv, gv, gold):
                r.tp += 1
                continue
            r.fp += bool(pv)
            r.fn += bool(gv)
            if pv or gv:
                r.wrong.append({"gold": {k: g.get(k) for k in ("name", "index", "text", "value", key) if k in g},
                                "predicted_" + key: pv})
        out[f"{name}.{key}"] = r
    return out


def score_article(pred: dict, gold: dict) -> dict[str, FieldResult]:
    """Per-field results of one predicted article against its gold record."""
    checks = _checks(gold)
    out = {}
    for name in FIELDS:
        preds = pred.get(name) or []
        if name == "dates":
            preds = scored_dates(preds)
        out[name] = match(preds, gold.get(name) or [], checks[name])
    return out


@dataclass
class Report:
    """Figures over a gold set."""

    fields: dict[str, FieldResult]
    titles_right: int
    titles_counted: int
    articles: int
    missing: list[str]
    errors: list[tuple[str, str, str, dict]]
    links: dict[str, FieldResult] | None = None

    @property
    def micro(self) -> FieldResult:
        total = FieldResult()
        for r in self.fields.values():
            total.tp, total.fp, total.fn = total.tp + r.tp, total.fp + r.fp, total.fn + r.fn
        return total

    @property
    def title_accuracy(self) -> float | None:
        return round(self.titles_right / self.titles_counted, 4) if self.titles_counted else None

    def as_dict(self) -> dict:
        """The same figures, keyed as ``score.py --json`` prints them."""
        out: dict = {}
        for name, r in self.fields.items():
            out[name] = {"tp": r.tp, "fp": r.fp, "fn": r.fn, "precision": round(r.precision, 4),
                         "recall": round(r.recall, 4), "f1": round(r.f1, 4)}
        m = self.micro
        out["micro"] = {"precision": round(m.precision, 4), "recall": round(m.recall, 4), "f1": round(m.f1, 4)}
        out["title_accuracy"] = self.title_accuracy
        if self.links is not None:
            out["links"] = {name: {"tp": r.tp, "fp": r.fp, "fn": r.fn, "precision": round(r.precision, 4),
                                   "recall": round(r.recall, 4), "f1": round(r.f1, 4)}
                            for name, r in self.links.items()}
        out["articles"] = self.articles
        out["articles_missing_from_predictions"] = self.missing
        return out

    def table(self) -> str:
        lines = [f"{'field':<13}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
        for name, r in self.fields.items():
            lines.append(f"{name:<13}{r.precision:>7.3f}{r.recall:>7.3f}{r.f1:>7.3f}{r.tp:>6}{r.fp:>6}{r.fn:>6}")
        m = self.micro
        lines.append(f"{'micro':<13}{m.precision:>7.3f}{m.recall:>7.3f}{m.f1:>7.3f}")
        lines.append(f"title accuracy over matched officials: {self.title_accuracy}")
        if self.links is not None:
            lines.append("links over matched records:")
            for name, r in self.links.items():
                lines.append(f"  {name:<20}{r.precision:>7.3f}{r.recall:>7.3f}{r.f1:>7.3f}{r.tp:>6}{r.fp:>6}{r.fn:>6}")
        if self.missing:
            lines.append(f"{len(self.missing)} gold articles have no prediction: {', '.join(self.missing[:10])}")
        return "\n".join(lines)


def load_gold(gold_dir: Path) -> dict[str, dict]:
    """``{id: gold record}`` for every ``*.json`` in ``gold_dir``."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(gold_dir).glob("*.json"))}


def evaluate(gold: dict[str, dict], predictions: dict[str, dict], links: bool = False) -> Report:
    """Score ``predictions`` (``{id: article dict}``) against ``gold`` (``{id: gold dict}``).

    With ``links``, also the links of :data:`LINKS` (as ``score.py --links``).
    """
    fields = {name: FieldResult() for name in FIELDS}
    link_results = {f"{name}.{key}": FieldResult() for name, key in LINKS} if links else None
    right = counted = 0
    errors = []
    for art_id, g in gold.items():
        pred = predictions.get(art_id, {})
        for name, r in score_article(pred, g).items():
            fields[name].add(r)
            errors += [(art_id, name, "missed", m) for m in r.missed]
            errors += [(art_id, name, "false", x) for x in r.false_positives]
        a, b = title_hits(pred, g)
        right, counted = right + a, counted + b
        if link_results is not None:
            for name, r in score_links(pred, g).items():
                link_results[name].add(r)
                errors += [(art_id, name, "link", w) for w in r.wrong]
    missing = sorted(set(gold) - set(predictions))
    return Report(fields, right, counted, len(gold), missing, errors, link_results)
