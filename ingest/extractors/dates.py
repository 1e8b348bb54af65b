"""Periods and dates as plans write them: "2016-2020", "2011-14", "by September 2013", "autumn 2013"."""

from __future__ import annotations

import re

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
SEASONS = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}

PERIOD = re.compile(r"\b((?:19|20)\d{2})\s*[-–/]\s*((?:19|20)?\d{2})\b")
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_NAMES})\.?,?\s+((?:19|20)\d{{2}})\b", re.I)
MONTH_YEAR = re.compile(rf"\b({MONTH_NAMES})\.?\s+((?:19|20)\d{{2}})\b", re.I)
SEASON_YEAR = re.compile(r"\b(spring|summer|autumn|fall|winter)\s+(?:of\s+)?((?:19|20)\d{2})\b", re.I)
QUARTER_YEAR = re.compile(r"\b(?:Q([1-4])|(first|second|third|fourth) quarter)\s*(?:of\s+)?"
                          r"((?:19|20)\d{2})\b", re.I)
END_OF_YEAR = re.compile(r"\b(?:by|in|during|from|end of|before)\s+((?:19|20)\d{2})(?:/\d{2})?\b",
                         re.I)


def parse_period(text: str) -> tuple[str, int, int] | None:
    """'2011-14' -> ('2011-14', 2011, 2014); the first plausible year range in `text`."""
    for m in PERIOD.finditer(text):
        start = int(m.group(1))
        end_text = m.group(2)
        end = int(end_text) if len(end_text) == 4 else (start // 100) * 100 + int(end_text)
        if start <= end <= start + 30:
            return m.group(0).replace(" ", ""), start, end
    return None


def parse_due(text: str) -> tuple[tuple[str, str], str] | None:
    """The first date an action is due by, as ((xsd type, lexical), original words)."""
    m = DAY_MONTH_YEAR.search(text)
    if m:
        day, month, year = int(m.group(1)), MONTHS[m.group(2).lower().rstrip(".")], m.group(3)
        if 1 <= day <= 31:
            return ("date", f"{year}-{month:02d}-{day:02d}"), m.group(0)
    m = MONTH_YEAR.search(text)
    if m:
        month = MONTHS[m.group(1).lower().rstrip(".")]
        return ("gYearMonth", f"{m.group(2)}-{month:02d}"), m.group(0)
    m = SEASON_YEAR.search(text)
    if m:
        return ("gYearMonth", f"{m.group(2)}-{SEASONS[m.group(1).lower()]:02d}"), m.group(0)
    m = QUARTER_YEAR.search(text)
    if m:
        quarter = int(m.group(1)) if m.group(1) else \
            ["first", "second", "third", "fourth"].index(m.group(2).lower()) + 1
        return ("gYearMonth", f"{m.group(3)}-{quarter * 3:02d}"), m.group(0)
    m = END_OF_YEAR.search(text)
    if m:
        return ("gYear", m.group(1)), m.group(0)
    return None


def parse_date(text: str) -> tuple[str, str] | None:
    """A full day date ('25 September 2013', 'Wednesday 25 September 2013') as xsd:date."""
    m = DAY_MONTH_YEAR.search(text)
    if not m:
        return None
    day, month, year = int(m.group(1)), MONTHS[m.group(2).lower().rstrip(".")], m.group(3)
    return ("date", f"{year}-{month:02d}-{day:02d}") if 1 <= day <= 31 else None
