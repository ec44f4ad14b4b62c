"""Dates as publishers write them -> ISO 8601."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from verify.sanitize import clean_line


def normalise_date(value: str | None) -> str | None:
    """Return ``value`` as an ISO 8601 date or datetime string, or None if unparseable.

    Accepts ISO 8601 ("2026-03-03", "2026-03-03T10:00:00Z"), RFC 2822 e-mail dates,
    "2026/03/03", and English day-month or month-day dates with an optional weekday
    and time ("3 March 2026", "Tuesday, March 3rd, 2026", "Thu 8 Jan 2026 at 8:10pm";
    the time of such dates is dropped). Dates only are kept as dates.
    """
    if value is None:
        return None
    text = clean_line(value)
    if not text or len(text) > 80:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).replace(microsecond=0).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return _worded_date(text.lower())


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for name in names
}


_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"


_ORDINAL = r"(?:st|nd|rd|th)?"


_TIME = r"(?:,?\s+(?:at\s+)?\d{1,2}(?:[:.]\d{2}){1,2}\s*(?:[ap]\.?m\.?)?(?:\s+[a-z]{2,5})?)?"


_DAY_MONTH = re.compile(rf"{_WEEKDAY}(\d{{1,2}}){_ORDINAL}\s+([a-z]+)\.?,?\s+(\d{{4}}){_TIME}")


_MONTH_DAY = re.compile(rf"{_WEEKDAY}([a-z]+)\.?\s+(\d{{1,2}}){_ORDINAL},?\s+(\d{{4}}){_TIME}")


_SLASHED = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")


def _worded_date(text: str) -> str | None:
    parts: tuple[str, str, str] | None = None
    if match := _DAY_MONTH.fullmatch(text):
        day, month, year = match.groups()
        parts = (year, month, day)
    elif match := _MONTH_DAY.fullmatch(text):
        month, day, year = match.groups()
        parts = (year, month, day)
    elif match := _SLASHED.fullmatch(text):
        parts = match.groups()  # type: ignore[assignment]
    if parts is None:
        return None
    year, month, day = parts
    number = int(month) if month.isdecimal() else _MONTHS.get(month)
    if number is None:
        return None
    try:
        return date(int(year), number, int(day)).isoformat()
    except ValueError:
        return None
