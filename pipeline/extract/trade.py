"""Trade figures: money amounts, turnovers, loans, growth rates and counted goods, with partner, year, status.

Rules, not a model: a figure is a number with a currency, a percentage, a scale word or a counted-goods unit, in
a sentence about trade. Its partner comes from the sentence, the paragraph, or a list header ('Romania: ...');
its year from the clause, relative years resolved against the document date; its status from the verbs.
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_left
import re
from dataclasses import dataclass

from ..reference import countries


_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "one hundred": 100,
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "mln": 1e6, "bn": 1e9}
# Currency words after a number, most specific first, as ISO 4217 codes (SUR: Soviet rouble, XTR: transferable
# rouble, DDM: East German mark).
_CURRENCY_WORDS = [
    (r"transferable (?:roubles?|rubles?)", "XTR"), (r"(?:roubles?|rubles?)", "SUR"),
    (r"swiss francs?", "CHF"), (r"french francs?", "FRF"), (r"CHF", "CHF"),
    (r"(?:US |U\.S\. |American )?dollars?(?: US)?", "USD"), (r"USD", "USD"), (r"US\b", "USD"),
    (r"yuan|renminbi|RMB", "CNY"), (r"(?:Japanese )?yen", "JPY"), (r"tugr[iu]ks?|tugrugs?", "MNT"),
    (r"(?:East German|GDR) marks?", "DDM"), (r"(?:West German |Deutsche? )?marks?|DM\b|Deutschmarks?", "DEM"),
    (r"pounds? sterling|pounds?|sterling", "GBP"), (r"rupees?", "INR"), (r"forints?", "HUF"),
    (r"zlot(?:y|ys|ies)", "PLN"), (r"(?:leva|lev)\b", "BGL"), (r"crowns?|korun[ay]", "CSK"),
]
_CURRENCY_PREFIX = {"US$": "USD", "$": "USD", "£": "GBP", "USD": "USD", "CHF": "CHF", "¥": "JPY"}
_COUNT_UNITS = r"units|cars|vehicles|trucks|lorries|buses|tractors|tons|tonnes|aircraft|planes|ships|machines|sets"
_NUM = r"\d{1,3}(?:[,.]\d{3})+(?!\d)|\d+(?:\.\d+)?|" + "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len,
                                                                         reverse=True))
_FIGURE = re.compile(
    rf"(?<![\w.$£¥])(?P<prefix>US\$|\$|£|¥|(?:USD|CHF)\s)?(?P<num>{_NUM})(?![\w/])"
    rf"(?:\s*(?P<scale>thousand|million|billion|trillion|mln|bn)\b)?"
    rf"(?:\s*(?P<unit>per ?cent\b|percent\b|%|(?:{'|'.join(p for p, _ in _CURRENCY_WORDS)})\b|(?:{_COUNT_UNITS})\b))?",
    re.I)

_TRADE = re.compile(r"\b(trad(?:e|ing)|turnover|exports?|imports?|loans?|credits?|aid|assistance|payments?|"
                    r"exchange of goods|deliver(?:y|ies)|purchas\w*|sales?|sell|buy|agreements?|contract\w*|quotas?|"
                    r"invest\w*|debts?|commerc\w*)\b", re.I)
_NOT_TRADE = re.compile(r"\b(unsold|stocks?|in circulation|reserves|inventory|population|troops|armies|army|"
                        r"divisions|casualties|killed|wounded)\b", re.I)
_PEOPLE_AFTER = re.compile(r"\s*(men|people|persons|soldiers|troops|members|inhabitants|workers|peasants|"
                           r"refugees|students|specialists|copies|km|kilometers|kilometres)\b", re.I)
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"

_STATUS = [
    ("prescribed", r"prescrib"),
    ("forecast", r"forecast|projected|projection"),
    ("planned", r"\bplann?(?:ed|ing|s)?\b|envisag|\btarget"),
    ("expected", r"\bwill\b|expect|likely|should|anticipat|estimat|\bcan be achieved"),
    ("agreed", r"agreed|agreement|signed|negotiated|treaty|\baccord\b|contracted|sets?\b|states?\b"),
    ("actual", r"\bwas\b|\bwere\b|reached|amounted|totall?ed|has been|had been|disbursed|appropriated"),
]
_FLOWS = [
    ("turnover", r"turnover"), ("exports", r"export"), ("imports", r"import"), ("loan", r"\bloans?\b"),
    ("credit", r"\bcredits?\b"), ("aid", r"\baid\b|assistance"), ("payment", r"payments?"),
    ("investment", r"invest"), ("trade", r"trad(?:e|ing)|exchange of goods|commerc"),
]
_CHANGE = re.compile(r"increas|decreas|\bgr[eo]w|growth|\bdrop|declin|\bris(?:e|en|es)\b|\brose\b|"
                     r"\bf[ae]ll(?:s|en)?\b|reduc|\bup by\b|down by|\bcut\b", re.I)
_FULFIL = re.compile(r"fulfil|fulfill|of the plan", re.I)


@dataclass(frozen=True)
class TradeFigure:
    start: int
    end: int
    quote: str
    value: float
    unit: str | None
    unit_inferred: bool
    measure: str
    flow: str
    status: str
    partner: str | None
    reporter: str | None
    year: int | None
    period_start: int | None
    period_end: int | None
    commodity: str | None


def extract_trade(body: str, doc_date: dt.date | None) -> list[TradeFigure]:
    doc_year = doc_date.year if doc_date else None
    mentions = countries.find(body, doc_year)
    starts = [m.start for m in mentions]
    reporter = countries.most_mentioned(mentions)
    out: list[TradeFigure] = []
    header_partner = header_currency = None
    heading = ""  # the last heading paragraph ('Agreements signed so far and expected trading:')
    pos = 0
    for para in body.split("\n\n"):
        p_start = body.index(para, pos)
        pos = p_start + len(para)
        header = re.match(r"^([A-Z][\w'’ -]{2,40}):\s", para)
        if header and countries.resolve(header.group(1), doc_year):
            header_partner, header_currency = countries.resolve(header.group(1), doc_year), None
        elif para.rstrip().endswith(":") and len(para) < 120:
            header_partner = header_currency = None  # a new heading ends the previous list
            heading = para
        if not _FIGURE.search(para):
            continue  # no number at all: nothing to find, and nothing carries over to the next paragraph
        para_partner, para_currency = None, None
        for s_off, sentence in _sentences(para):
            s_start = p_start + s_off
            s_mentions = mentions[bisect_left(starts, s_start):bisect_left(starts, s_start + len(sentence))]
            prev_year = None
            for fig in _FIGURE.finditer(sentence):
                parsed = _figure(fig, sentence)
                if parsed is None:
                    continue
                value, unit, kind = parsed
                context = " ".join((heading if header_partner else "", _previous_sentence(para, s_off), sentence))
                if _NOT_TRADE.search(sentence) or not _TRADE.search(context if kind != "count" else sentence):
                    continue
                # The figure's own digits are never its year ('2000 units').
                masked = sentence[:fig.start()] + "#" * len(fig.group(0)) + sentence[fig.end():]
                clause = _clause(masked, fig.start(), fig.end())
                partner = (_partner(s_mentions, s_start + fig.start(), reporter) or para_partner
                           or header_partner)
                inferred = False
                if unit is None and kind == "money":
                    unit = para_currency or header_currency
                    inferred = unit is not None
                if unit and kind == "money" and not inferred:
                    para_currency = unit
                    if header_partner:
                        header_currency = unit
                years, period = _years(clause, doc_year)
                if not years and not period:
                    years = [prev_year] if prev_year else _years(masked, doc_year)[0][:1]
                if not years and not period:
                    years = _years(_previous_sentence(para, s_off), doc_year)[0][-1:]
                prev_year = years[0] if years else prev_year
                measure = ("change" if _CHANGE.search(clause) else "fulfilment" if _FULFIL.search(clause)
                           else "amount") if unit == "percent" else "amount"
                for year in years or [None]:
                    out.append(TradeFigure(
                        start=s_start + fig.start(), end=s_start + fig.end(), quote=fig.group(0), value=value,
                        unit=unit, unit_inferred=inferred, measure=measure, flow=_first(_FLOWS, clause, sentence,
                                                                                          "trade"),
                        status=_first(_STATUS, clause, None, "unknown"), partner=partner,
                        reporter=reporter if reporter != partner else None, year=year,
                        period_start=period[0] if period and year is None else None,
                        period_end=period[1] if period and year is None else None,
                        commodity=_commodity(clause, fig) if kind == "count" else None))
            para_partner = _partner(s_mentions, s_start + len(sentence), reporter) or para_partner
    return _restated_years(out)


def _figure(fig: re.Match, sentence: str) -> tuple[float, str | None, str] | None:
    """(value in whole units, unit, kind) or None when the number is not a figure of interest."""
    num, scale, unit_word, prefix = fig.group("num"), fig.group("scale"), fig.group("unit"), fig.group("prefix")
    value = _number(num)
    if value is None:
        return None
    after = sentence[fig.end():fig.end() + 20]
    before = sentence[max(0, fig.start() - 12):fig.start()]
    if re.match(rf"\s*(?:st|nd|rd|th)?\s*(?:of\s+)?{_MONTHS}", after) or re.search(rf"{_MONTHS}\s*$", before):
        return None  # a date
    value *= _SCALES.get((scale or "").lower(), 1)
    unit_low = (unit_word or "").lower()
    if unit_low and re.fullmatch(r"per ?cent|percent|%", unit_low):
        return value, "percent", "percent"
    if unit_low and re.fullmatch(_COUNT_UNITS, unit_low, re.I):
        return value, "units", "count"
    currency = _currency(unit_word) if unit_word else None
    if prefix:
        currency = _CURRENCY_PREFIX.get(prefix.strip(), currency)
    if currency:
        return value, currency, "money"
    if scale and not _PEOPLE_AFTER.match(after):
        return value, None, "money"
    return None


def _number(text: str) -> float | None:
    low = text.lower()
    if low in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[low])
    if re.fullmatch(r"\d{1,3}(?:[,.]\d{3})+", text):
        return float(re.sub(r"[,.]", "", text))
    try:
        return float(text)
    except ValueError:
        return None


def _currency(word: str) -> str | None:
    for pattern, code in _CURRENCY_WORDS:
        if re.fullmatch(pattern, word, re.I):
            return code
    return None


def _sentences(para: str):
    start = 0
    for m in re.finditer(r"(?<=[.!?])\s+(?=[A-Z\"“(\[])", para):
        yield start, para[start:m.start()]
        start = m.end()
    yield start, para[start:]


def _previous_sentence(para: str, s_off: int) -> str:
    before = para[:s_off].rstrip()
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“(\[])", before)
    return parts[-1] if before else ""


def _clause(sentence: str, start: int, end: int) -> str:
    """The part of the sentence around a figure, between clause breaks (commas, ';', ' but ')."""
    breaks = [m for m in re.finditer(r",\s+(?:but|and|while|whereas)\b|,\s|;|\s+but\s+", sentence)]
    lo = max([m.end() for m in breaks if m.end() <= start], default=0)
    hi = min([m.start() for m in breaks if m.start() >= end], default=len(sentence))
    return sentence[lo:hi]


def _years(text: str, doc_year: int | None) -> tuple[list[int], tuple[int, int] | None]:
    """Years a clause refers to, in order; or a period for multi-year spans."""
    found: list[tuple[int, int]] = []
    m = re.search(r"\b(19\d\d|20\d\d)\s*[-–]\s*(19\d\d|20\d\d)\b", text)
    if m:
        return [], (int(m.group(1)), int(m.group(2)))
    for m in re.finditer(r"(?<![\d.,/-])(19\d\d|20\d\d)(?![\d.,]\d)", text):
        found.append((m.start(), int(m.group(1))))
    if doc_year:
        relative = {r"this year|the current year|current year": 0, r"last year|previous year|past year": -1,
                    r"next year|coming year|following year": 1}
        for pattern, delta in relative.items():
            for m in re.finditer(rf"\b(?:{pattern})\b", text, re.I):
                found.append((m.start(), doc_year + delta))
        m = re.search(r"\b(?:in|over|within)\s+(?:the\s+next\s+)?(\d+|two|three|four|five|ten)\s+years\b", text, re.I)
        if m and not found:
            n = int(_number(m.group(1)) or 0)
            return [], (doc_year, doc_year + n - 1)
    years = []
    for _, year in sorted(found):
        if year not in years:
            years.append(year)
    return years, None


def _partner(mentions, position: int, reporter: str | None) -> str | None:
    """The country named nearest before a position (else after it) in the same sentence, other than the reporter."""
    others = [m for m in mentions if m.name != reporter]
    before = [m for m in others if m.start < position]
    if before:
        return before[-1].name
    return others[0].name if others else None


def _first(rules, clause: str, sentence: str | None, default: str) -> str:
    for text in (clause, sentence):
        if not text:
            continue
        for name, pattern in rules:
            if re.search(pattern, text, re.I):
                return name
    return default


def _commodity(clause: str, fig: re.Match) -> str | None:
    m = re.search(r"\b(?:imports?|exports?|deliver(?:y|ies)|purchases?|sales?)\s+of\s+([a-z][a-z -]{2,40}?)"
                  r"(?=\s+(?:at|in|for|to|from|by)\b|[,.;]|$)", clause)
    if m:
        return m.group(1).strip()
    unit = (fig.group("unit") or "").lower()
    return unit if unit and unit not in ("units", "sets") else None


def _restated_years(figures: list[TradeFigure]) -> list[TradeFigure]:
    """A figure restated later with its year ('a 10 per cent increase ... for 1987') lends it to the bare mention."""
    known = {(f.partner, f.value, f.unit, f.measure): f.year for f in figures if f.year is not None}
    out = []
    for f in figures:
        year = known.get((f.partner, f.value, f.unit, f.measure)) if f.year is None and f.period_start is None \
            else f.year
        out.append(f if year == f.year else TradeFigure(**{**f.__dict__, "year": year}))
    return out
