"""Inline XBRL display-text transforms (the ixt / ixt-sec `format=` attribute).

Formats are looked up by local name only: the same rule is published under several
transformation-registry namespaces (2010, 2011, 2015, 2020 and the SEC's own), and filers use
whichever prefix their tool declared, so the namespace carries no extra meaning here.
"""

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

__all__ = ["FormatError", "parse_number", "transform_text"]


class FormatError(ValueError):
    """A display text cannot be read; the message completes "fact X in context Y: ..."."""


_NBSP = "\u00a0\u202f"
# Thousands groups are optional (“1234.5” is as valid as “1,234.5”), but a separator must be
# followed by exactly three digits, so “12..3” or “1,23” fail rather than being guessed at.
_DOT_DECIMAL = re.compile(rf"[0-9]{{1,3}}(?:[, {_NBSP}]?[0-9]{{3}})*(?:\.[0-9]*)?|\.[0-9]+")
_COMMA_DECIMAL = re.compile(rf"[0-9]{{1,3}}(?:[. {_NBSP}]?[0-9]{{3}})*(?:,[0-9]*)?|,[0-9]+")
_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")  # ix:nonFraction content is unsigned
_UNIT_DECIMAL = re.compile(
    rf"([0-9]{{1,3}}(?:[,. {_NBSP}]?[0-9]{{3}})*)[^0-9]+?([0-9]{{1,2}})?[^0-9]*"
)
_SEPARATORS = re.compile(rf"[,. {_NBSP}]")

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
_TEENS = "fifteen sixteen seventeen eighteen nineteen"
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
_WORDS = {word: n for n, word in enumerate(f"{_ONES} {_TEENS}".split())}
_WORDS |= {word: 10 * n for n, word in enumerate(_TENS.split(), start=2)}
_MULTIPLIERS = {"thousand": 10**3, "million": 10**6, "billion": 10**9}


def _dot_decimal(text: str) -> Decimal:
    if not _DOT_DECIMAL.fullmatch(text):
        raise ValueError
    return Decimal(re.sub(rf"[, {_NBSP}]", "", text))


def _comma_decimal(text: str) -> Decimal:
    if not _COMMA_DECIMAL.fullmatch(text):
        raise ValueError
    return Decimal(re.sub(rf"[. {_NBSP}]", "", text).replace(",", "."))


def _plain(text: str) -> Decimal:
    if not _PLAIN.fullmatch(text):
        raise ValueError
    return Decimal(text)


def _zero(_text: str) -> Decimal:
    # fixed-zero ignores its content by definition; NVIDIA writes "—" and also the word "no".
    return Decimal(0)


def _words_en(text: str) -> Decimal:
    words = [w for w in re.split(r"[\s,\-\u2010-\u2014]+", text.lower()) if w and w != "and"]
    if words in (["no"], ["none"]):
        return Decimal(0)
    if not words:
        raise ValueError
    total = current = 0
    for word in words:
        if word in _WORDS:
            current += _WORDS[word]
        elif word == "hundred" and current:
            current *= 100
        elif word in _MULTIPLIERS and current:
            total, current = total + current * _MULTIPLIERS[word], 0
        else:
            raise ValueError
    return Decimal(total + current)


def _unit_decimal(text: str) -> Decimal:
    # "5 dollars 25 cents" -> 5.25; a one-digit fraction is hundredths ("5 Euro 5 Cent" -> 5.05).
    match = _UNIT_DECIMAL.fullmatch(text)
    if not match:
        raise ValueError
    whole = _SEPARATORS.sub("", match.group(1))
    return Decimal(f"{whole}.{(match.group(2) or '0').zfill(2)}")


_NUMBER_RULES: dict[str, Callable[[str], Decimal]] = {
    "": _plain,
    "num-dot-decimal": _dot_decimal,
    "numdotdecimal": _dot_decimal,
    "numcommadot": _dot_decimal,  # TRR 1 names
    "numspacedot": _dot_decimal,
    "num-comma-decimal": _comma_decimal,
    "numcommadecimal": _comma_decimal,
    "numdotcomma": _comma_decimal,
    "numspacecomma": _comma_decimal,
    "fixed-zero": _zero,
    "zerodash": _zero,
    "numdash": _zero,
    "numwordsen": _words_en,
    "num-word-en": _words_en,
    "numunitdecimal": _unit_decimal,
    "num-unit-decimal": _unit_decimal,
}


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")


def parse_number(text: str, fmt: str | None) -> Decimal:
    """Read the display text of an ix:nonFraction under its `format` (None: a plain number).

    Raises FormatError for an unknown format or a text the format does not accept.
    """
    rule = _NUMBER_RULES.get((fmt or "").rpartition(":")[2].strip())
    if rule is None:
        raise FormatError(f"the format {fmt!r} is not one this reader knows (text {_shown(text)})")
    try:
        return rule(text.strip(" \t\r\n" + _NBSP))
    except ValueError:
        how = f"under {fmt}" if fmt else "(no format given, so a plain number was expected)"
        raise FormatError(f"the text {_shown(text)} is not a number {how}") from None


_BALLOT_TRUE = frozenset("☒☑✓✔✗✘xX")
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_DATE_PARTS = re.compile(r"monthname|month|day|year")


def _date(text: str, local: str) -> str | None:
    """ISO text for an English date display ("July 27, 2025" -> "2025-07-27", "1/25" -> "--01-25").

    The order of the parts comes from the format's name (date-monthname-day-year-en, ...).
    """
    order = _DATE_PARTS.findall(local)
    tokens = re.findall(r"[A-Za-z]+|[0-9]+", text)
    if not order or len(order) != len(tokens):
        return None
    got: dict[str, int] = {}
    for part, token in zip(order, tokens, strict=True):
        if part == "monthname":
            if token[:3].lower() not in _MONTHS:
                return None
            got["month"] = _MONTHS.index(token[:3].lower()) + 1
        elif token.isdigit() and len(token) <= 4:
            got[part] = int(token) + (2000 if part == "year" and len(token) == 2 else 0)
        else:
            return None
    month, day = got.get("month", 0), got.get("day", 0)
    try:
        date(got.get("year", 2000), month, day)  # 2000 is a leap year: accepts --02-29
    except (ValueError, KeyError):
        return None
    return f"{got['year']:04}-{month:02}-{day:02}" if "year" in got else f"--{month:02}-{day:02}"


def transform_text(text: str, fmt: str | None) -> str:
    """The value of a text fact: booleans and dates in their XBRL form, other text as shown.

    Check boxes and dates are resolved because the display is not the value (NVIDIA ticks
    "No ☒" for EntityShellCompany under ixt:fixed-false), and so that inline documents give the
    same dei values as instances ("2025-07-27", "--01-25"). Other text is whitespace-normalised.
    """
    local = (fmt or "").rpartition(":")[2]
    if local in ("fixed-true", "booleantrue"):
        return "true"
    if local in ("fixed-false", "booleanfalse"):
        return "false"
    shown = " ".join(text.split())
    if local == "boolballotbox":
        return "true" if shown in _BALLOT_TRUE else "false"
    if local.startswith("date"):
        return _date(shown, local) or shown
    return shown
