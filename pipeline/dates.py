"""Dates as archives write them, parsed with their precision kept."""
from __future__ import annotations

import datetime as dt
import re

MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
     "December"], start=1)}
MONTHS.update({name[:3]: i for name, i in list(MONTHS.items())})
MONTHS["sept"] = 9

_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
DATE_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),  # December 15, 1986
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),  # 15 December 1986, 1st April, 1949
    re.compile(rf"\b{_YEAR}-(?P<month>\d\d)-(?P<day>\d\d)\b"),  # 1986-12-15
    re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.I),  # November 1967
    re.compile(rf"^\s*{_YEAR}\s*$"),  # 1967
]


def parse_date(text: str | None) -> tuple[dt.date | None, str | None]:
    """The first date in `text` as (date, precision); precision is day, month or year."""
    if not text:
        return None, None
    for pattern in DATE_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        parts = m.groupdict()
        year = int(parts["year"])
        month = parts.get("month")
        month = (int(month) if month.isdigit() else MONTHS.get(month.lower().rstrip("."))) if month else None
        if month is None:
            return dt.date(year, 1, 1), "year"
        if not parts.get("day"):
            return dt.date(year, month, 1), "month"
        try:
            return dt.date(year, month, int(parts["day"])), "day"
        except ValueError:
            return dt.date(year, month, 1), "month"
    return None, None


def is_date_line(line: str) -> bool:
    """True when the line is nothing but a date."""
    line = line.strip().strip("*").strip()
    for pattern in DATE_PATTERNS:
        m = pattern.search(line)
        if m and m.start() == 0 and m.end() == len(line.rstrip(".")):
            return True
    return False
