"""Read SEC XBRL documents into plain facts: an instance (.xml) or inline XBRL (.htm, XHTML).

Only numeric facts are returned, each with its period, unit and dimensions, plus the dei cover
facts as text. A fact that cannot be read is described in `Document.skipped` instead of raising,
so one odd fact never hides the rest of a filing; only a document that is not XBRL at all (or
not well-formed XML) raises XbrlError.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from lxml import etree

from capexwatch.core.ingest.xbrl import inline as xbrl_inline
from capexwatch.core.ingest.xbrl.inline import XBRLI, XSI_NIL, RawFact, text_of

__all__ = ["Document", "Fact", "Period", "XbrlError", "is_xbrl", "member_matches", "read"]

XBRLDI = "http://xbrl.org/2006/xbrldi"
_INLINE_NS = tuple(ns.encode() for ns in xbrl_inline.IX_NAMESPACES)
_SNIFF_BYTES = 8192


@dataclass(frozen=True, slots=True)
class Period:
    """A duration (start and end) or an instant (start None); dates exactly as the filer wrote."""

    start: date | None
    end: date


@dataclass(frozen=True, slots=True)
class Fact:
    """One numeric fact; `value` is None for a nil fact, `decimals` None for INF or absent."""

    concept: str
    value: float | None
    unit: str | None
    period: Period
    dimensions: tuple[tuple[str, str], ...]
    decimals: int | None
    context: str


@dataclass(frozen=True, slots=True)
class Document:
    """The numeric facts of a document, its dei text facts, and sentences on what was skipped."""

    facts: tuple[Fact, ...]
    dei: dict[str, str]
    skipped: tuple[str, ...]


class XbrlError(Exception):
    """The bytes are not an XBRL document; the message says what they look like instead."""


def read(data: bytes, name: str = "") -> Document:
    """Read an XBRL instance or an inline XBRL document, telling them apart by their root.

    `name` (a file name or URL) only makes error messages clearer. Raises XbrlError when the
    bytes are not XBRL: not XML, HTML without ix:header, JSON, gzip and the like.
    """
    label = f"{name}: " if name else ""
    root = _parse(data, label)
    names = _Names()
    if root.tag == f"{{{XBRLI}}}xbrl":
        return _read_instance(root, names)
    parts = xbrl_inline.walk(root, names.qname)
    if parts.has_header:
        return _assemble(parts.contexts, parts.units, parts.facts, parts.dei, parts.skipped, names)
    if parts.facts or parts.skipped or parts.dei:
        raise XbrlError(
            f"{label}this has inline XBRL facts but no ix:header with their contexts and units "
            "(probably one part of a multi-document filing)"
        )
    if etree.QName(root).localname.lower() == "html":
        raise XbrlError(f"{label}this is an HTML page without inline XBRL (no ix:header)")
    raise XbrlError(f"{label}this is XML with root element <{root.tag}>, not an XBRL document")


def is_xbrl(data: bytes) -> bool:
    """Cheaply guess from the first few KB whether `read` will find XBRL in these bytes."""
    head = data[:_SNIFF_BYTES]
    if any(ns in head for ns in _INLINE_NS) or b"<ix:header" in head:
        return True
    return XBRLI.encode() in head and re.search(rb"<([\w.-]+:)?xbrl[\s>/]", head) is not None


def member_matches(member_qname: str, wanted: str) -> bool:
    """Whether a dimension member such as "amzn:AwsMember" is `wanted` ("AwsMember" or the QName).

    A bare local name matches any prefix (filers rename their own prefix between years); local
    names compare case-sensitively.
    """
    if ":" in wanted:
        return member_qname == wanted
    return member_qname.rpartition(":")[2] == wanted


def _parse(data: bytes, label: str) -> etree._Element:
    """Parse as XML without entity expansion or network access, or say what the bytes are."""
    head = data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise XbrlError(f"{label}this is {what}, not an XBRL document")
    if head[:1] in (b"{", b"["):
        raise XbrlError(f"{label}this looks like JSON (e.g. SEC companyfacts), not XBRL")
    looks_html = re.search(rb"<(!doctype\s+html|html)[\s>]", head[:2048], re.I) is not None
    if looks_html and not any(ns in data for ns in _INLINE_NS):
        raise XbrlError(f"{label}this is an HTML page without inline XBRL (no ix:header)")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=True, load_dtd=False
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        line, column = err.position
        message = re.sub(r", line \d+, column \d+$", "", err.msg or "")
        what = "inline XBRL that is not well-formed XML" if looks_html else "not XML"
        raise XbrlError(f"{label}this is {what}: line {line}, column {column}: {message}") from None


_MAGIC = (
    (b"\x1f\x8b", "gzip-compressed data (decompress it first)"),
    (b"PK\x03\x04", "a ZIP archive (extract the document first)"),
    (b"%PDF", "a PDF file"),
)

# Namespace URIs change every taxonomy year; the prefix a user types does not.
_WELL_KNOWN = (
    re.compile(r"https?://fasb\.org/(us-gaap|srt)/"),
    re.compile(r"https?://xbrl\.ifrs\.org/taxonomy/[^/]+/(ifrs-full)$"),
    re.compile(r"https?://xbrl\.sec\.gov/([a-z-]+)/"),  # dei, ecd, country, exch, ...
)


class _Names:
    """Normalises prefixed names: well-known taxonomies get their standard prefix."""

    def __init__(self) -> None:
        self._by_uri: dict[str, str] = {}

    def prefix(self, uri: str, declared: str | None) -> str:
        if uri not in self._by_uri:
            found = next((m.group(1) for p in _WELL_KNOWN if (m := p.match(uri))), None)
            self._by_uri[uri] = found or declared or uri
        return self._by_uri[uri]

    def qname(self, el: etree._Element, text: str) -> str:
        prefix, colon, local = text.strip().partition(":")
        uri = el.nsmap.get(prefix) if colon else None
        # An undeclared prefix (IBM's file declares neither ibm: nor dei:) stays as written.
        return f"{self.prefix(uri, prefix)}:{local}" if uri else text.strip()

    def tag(self, el: etree._Element) -> str:
        qn = etree.QName(el)
        return (
            f"{self.prefix(qn.namespace, el.prefix)}:{qn.localname}"
            if qn.namespace
            else qn.localname
        )


_DATE = re.compile(r"\s*([0-9]{4}-[0-9]{2}-[0-9]{2})(T[0-9:.]+)?(Z|[+-][0-9]{2}:[0-9]{2})?\s*")


def _date(el: etree._Element | None) -> date:
    text = text_of(el).strip() if el is not None else ""
    match = _DATE.fullmatch(text)
    try:
        return date.fromisoformat(match.group(1) if match else "?")
    except ValueError:  # also 2022-02-30
        raise ValueError(f"the period date {text[:30]!r} is not a date") from None


_Context = tuple[Period, tuple[tuple[str, str], ...]]


def _context(el: etree._Element, names: _Names) -> _Context | str:
    """A context's period and sorted dimensions, or a sentence on why it is unusable."""
    period = el.find(f"{{{XBRLI}}}period")
    try:
        if period is None or period.find(f"{{{XBRLI}}}forever") is not None:
            raise ValueError("the context has no dated period")
        instant = period.find(f"{{{XBRLI}}}instant")
        if instant is not None:
            when = Period(None, _date(instant))
        else:
            start = _date(period.find(f"{{{XBRLI}}}startDate"))
            when = Period(start, _date(period.find(f"{{{XBRLI}}}endDate")))
    except ValueError as err:
        return str(err)
    dims = []
    # Members may sit in entity/segment or in scenario; both count as dimensions.
    for member in el.iter(f"{{{XBRLDI}}}explicitMember", f"{{{XBRLDI}}}typedMember"):
        axis = names.qname(member, member.get("dimension", ""))
        if member.tag.endswith("explicitMember"):
            # IBM writes member QNames across lines; whitespace is never part of a QName.
            dims.append((axis, names.qname(member, text_of(member))))
        else:
            dims.append((axis, " ".join(text_of(member).split())))
    return when, tuple(sorted(dims))


def _unit(el: etree._Element) -> str | None:
    """The unit as measure local names ("USD", "USD/shares"), or None if it has no measure."""

    def measures(parent: etree._Element | None) -> str:
        found = [] if parent is None else parent.iterfind(f"{{{XBRLI}}}measure")
        return "*".join(text_of(m).strip().rpartition(":")[2] for m in found)

    divide = el.find(f"{{{XBRLI}}}divide")
    if divide is None:
        return measures(el) or None
    top = measures(divide.find(f"{{{XBRLI}}}unitNumerator"))
    bottom = measures(divide.find(f"{{{XBRLI}}}unitDenominator"))
    return f"{top}/{bottom}" if top and bottom else None


def _read_instance(root: etree._Element, names: _Names) -> Document:
    """Facts are the root's children carrying contextRef; numeric ones also carry unitRef."""
    contexts: list[etree._Element] = []
    units: list[etree._Element] = []
    facts: list[RawFact] = []
    dei: list[tuple[str, str, str]] = []
    skipped: list[str] = []
    for el in root:
        if not isinstance(el.tag, str):  # comments, processing instructions, entities
            continue
        if el.tag == f"{{{XBRLI}}}context":
            contexts.append(el)
        elif el.tag == f"{{{XBRLI}}}unit":
            units.append(el)
        elif (ctx := el.get("contextRef")) is not None:
            concept = names.tag(el)
            text = text_of(el).strip()
            if el.get("unitRef") is None:
                if concept.startswith("dei:"):
                    dei.append((concept, ctx, " ".join(text.split())))
                continue
            value = None
            if el.get(XSI_NIL) not in ("true", "1"):
                value = _instance_number(text)
                if value is None:
                    skipped.append(
                        f"fact {concept} in context {ctx}: {text[:40]!r} is not a number"
                    )
                    continue
            facts.append(RawFact(concept, ctx, el.get("unitRef"), el.get("decimals"), value))
    return _assemble(contexts, units, facts, dei, skipped, names)


_INSTANCE_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")


def _instance_number(text: str) -> Decimal | None:
    # A regex, not float(): float() would also accept "nan", "inf" and "1_000".
    return Decimal(text) if _INSTANCE_NUMBER.fullmatch(text) else None


def _assemble(
    context_els: Iterable[etree._Element],
    unit_els: Iterable[etree._Element],
    raw_facts: Iterable[RawFact],
    dei_facts: Iterable[tuple[str, str, str]],
    skipped: list[str],
    names: _Names,
) -> Document:
    """Resolve contexts and units, drop repeated facts, and pick one value per dei concept."""
    contexts = {el.get("id", ""): _context(el, names) for el in context_els}
    units = {el.get("id", ""): _unit(el) for el in unit_els}
    facts: list[Fact] = []
    kept: dict[tuple[object, ...], tuple[int, Decimal | None]] = {}
    for raw in raw_facts:
        where = f"fact {raw.concept} in context {raw.context}"
        ctx = contexts.get(raw.context, "the context is not defined in the document")
        unit = units.get(raw.unit) if raw.unit is not None else None
        decimals = (raw.decimals or "INF").strip()
        if isinstance(ctx, str):
            skipped.append(f"{where}: {ctx}")
        elif raw.unit is None:
            skipped.append(f"{where}: it has no unitRef")
        elif unit is None:
            skipped.append(f"{where}: its unit {raw.unit!r} is not defined or has no measure")
        elif raw.value is not None and not math.isfinite(raw.value):
            skipped.append(f"{where}: the number is too large")
        elif decimals != "INF" and not re.fullmatch(r"[+-]?[0-9]{1,3}", decimals):
            skipped.append(f"{where}: decimals {decimals[:20]!r} is not a whole number or INF")
        else:
            value = None if raw.value is None else float(raw.value) + 0.0  # + 0.0: no -0.0
            places = None if decimals == "INF" else int(decimals)
            fact = Fact(raw.concept, value, unit, ctx[0], ctx[1], places, raw.context)
            key = (raw.concept, unit, ctx[0], ctx[1])
            if key not in kept:
                kept[key] = (len(facts), raw.value)
                facts.append(fact)
                continue
            index, first_value = kept[key]
            first = facts[index]
            if not _agree(first_value, first.decimals, raw.value, places):
                skipped.append(
                    f"{where}: repeats {first.concept} of context {first.context} with a "
                    f"different value, {_show(raw.value)} (ignored) against "
                    f"{_show(first_value)} (kept)"
                )
            elif _precision(places) > _precision(first.decimals):
                # Same fact rounded differently ("4.8 billion" and "4,784 million"): keep the
                # finer one in the place of the first.
                facts[index] = fact
                kept[key] = (index, raw.value)
    return Document(tuple(facts), _pick_dei(dei_facts, contexts), tuple(skipped))


def _precision(decimals: int | None) -> float:
    return float("inf") if decimals is None else decimals


def _agree(a: Decimal | None, a_dec: int | None, b: Decimal | None, b_dec: int | None) -> bool:
    """Equal after rounding both to the coarser of their `decimals` (the XBRL rule)."""
    if a is None or b is None:
        return a is None and b is None
    places = min(_precision(a_dec), _precision(b_dec))
    if places == float("inf"):
        return a == b
    quantum = Decimal(1).scaleb(-int(places))
    try:
        return a.quantize(quantum, ROUND_HALF_UP) == b.quantize(quantum, ROUND_HALF_UP)
    except InvalidOperation:  # too many digits for the decimal context: compare exactly
        return a == b


def _show(value: Decimal | None) -> str:
    return "nil" if value is None else f"{value:f}"


def _pick_dei(
    dei_facts: Iterable[tuple[str, str, str]], contexts: dict[str, _Context | str]
) -> dict[str, str]:
    """One text per dei concept: the first without dimensions, else the first seen.

    IBM tags a TradingSymbol per listed note ("IBM 25A", ...) on exchange-dimensioned contexts;
    the undimensioned one is the company's own.
    """
    chosen: dict[str, tuple[bool, str]] = {}
    for concept, ctx, text in dei_facts:
        local = concept.partition(":")[2]
        if local.endswith("TextBlock"):  # a paragraph, not a cover-page value
            continue
        context = contexts.get(ctx)
        plain = not isinstance(context, str) and context is not None and not context[1]
        if local not in chosen or (plain and not chosen[local][0]):
            chosen[local] = (plain, text)
    return {local: text for local, (_, text) in chosen.items()}
