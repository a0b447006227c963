"""The inline XBRL part of the reader: one walk over an XHTML tree collecting ix: facts.

Contexts and units are returned as elements (they are ordinary xbrli: markup inside
ix:resources, read by the same code as in an instance); numeric facts come back as RawFact with
the display text already turned into a number (format, then scale, then sign).
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple, cast

from lxml import etree

from capexwatch.core.ingest.xbrl.formats import FormatError, parse_number, transform_text

IX_NAMESPACES = ("http://www.xbrl.org/2013/inlineXBRL", "http://www.xbrl.org/2008/inlineXBRL")
XBRLI = "http://www.xbrl.org/2003/instance"
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
_SCALE = re.compile(r"[+-]?[0-9]{1,2}")  # real filings use -2..9; this also bounds Decimal sizes

_TAGS = [f"{{{ns}}}{local}" for ns in IX_NAMESPACES for local in ("header", "nonFraction")]
_TAGS += [f"{{{ns}}}{local}" for ns in IX_NAMESPACES for local in ("nonNumeric", "fraction")]
_TAGS += [f"{{{XBRLI}}}context", f"{{{XBRLI}}}unit"]


def text_of(el: etree._Element) -> str:
    """All text inside `el`, children included; unexpanded entity references read as "&e;"."""
    # lxml-stubs say bytes may come back too; for a tree parsed from XML they never do.
    return "".join(cast(Iterable[str], el.itertext()))


class RawFact(NamedTuple):
    """A numeric fact before its context and unit are looked up (shared with instances)."""

    concept: str
    context: str
    unit: str | None
    decimals: str | None
    value: Decimal | None


@dataclass(slots=True)
class InlineParts:
    """What one walk over an inline document found, still unresolved."""

    has_header: bool = False
    contexts: list[etree._Element] = field(default_factory=list)
    units: list[etree._Element] = field(default_factory=list)
    facts: list[RawFact] = field(default_factory=list)
    dei: list[tuple[str, str, str]] = field(default_factory=list)  # (concept, context, text)
    skipped: list[str] = field(default_factory=list)


def walk(root: etree._Element, qname: Callable[[etree._Element, str], str]) -> InlineParts:
    """Collect contexts, units, numeric facts and dei text facts in document order.

    `qname(element, "p:local")` normalises a prefixed name against the element's namespaces.
    ix:continuation, ix:exclude and ix:footnote are not followed: they only shape text blocks
    and footnotes, which this reader does not return. Facts inside ix:tuple are read as usual.
    """
    parts = InlineParts()
    for el in root.iter(*_TAGS):
        kind = el.tag.rpartition("}")[2]
        if kind == "header":
            parts.has_header = True
        elif kind == "context":
            parts.contexts.append(el)
        elif kind == "unit":
            parts.units.append(el)
        elif kind == "nonFraction":
            _non_fraction(el, qname, parts)
        elif kind == "nonNumeric":
            concept = qname(el, el.get("name", ""))
            # Text blocks can be megabytes of HTML and are not cover-page facts.
            if concept.startswith("dei:") and not concept.endswith("TextBlock"):
                text = transform_text(text_of(el), el.get("format"))
                parts.dei.append((concept, el.get("contextRef", ""), text))
        elif kind == "fraction":
            concept = qname(el, el.get("name", ""))
            ctx = el.get("contextRef", "")
            parts.skipped.append(f"fact {concept} in context {ctx}: ix:fraction is not supported")
    return parts


def _non_fraction(
    el: etree._Element, qname: Callable[[etree._Element, str], str], parts: InlineParts
) -> None:
    concept = qname(el, el.get("name", ""))
    context = el.get("contextRef", "")
    value: Decimal | None = None
    try:
        if el.get(XSI_NIL) not in ("true", "1"):
            # Nested ix:nonFraction and formatting tags (<span>, <b>) all add their text.
            value = parse_number(text_of(el), el.get("format"))
            scale = el.get("scale", "0").strip()
            if not _SCALE.fullmatch(scale):
                raise FormatError(f"the scale {scale!r} is not a small whole number")
            value = value.scaleb(int(scale))
            # The sign lives only in this attribute; "(11)" in a table is typography.
            if el.get("sign") == "-":
                value = -value
    except FormatError as err:
        parts.skipped.append(f"fact {concept} in context {context}: {err}")
        return
    parts.facts.append(RawFact(concept, context, el.get("unitRef"), el.get("decimals"), value))
