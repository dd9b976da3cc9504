"""The machinery of the audit checks: rules, findings, and exact, rounding-aware comparison.

A rule is a small function registered with :func:`rule`; the registry :data:`RULES` is data
a reader can list. A rule receives a :class:`Context` (the disclosure, optionally the
previous year's) and yields :class:`Finding` objects. Every finding carries the exact
expected and printed amounts, their difference, and the locations of every cell involved.

Exactness: amounts are :class:`~decimal.Decimal` yuan, so a difference is never a floating
point artefact. Rounding: where figures are printed in 万元 (or in the narrative) with a
limited number of decimals, a difference that rounding of the printed figures can explain
is reported as ``info``; anything larger keeps the rule's severity. Tables printed in 元
are compared exactly: their amounts are not rounded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from pathlib import Path

import pandas as pd

from helpers.catalog import KINDS_BY_KEY
from helpers.money import to_wan
from helpers.schema import FINDING_COLUMNS, typed_frame

SEVERITIES = ("error", "warning", "info")

#: Rule groups, in the order reports show them: key → (zh, en).
GROUPS: dict[str, tuple[str, str]] = {
    "structure": ("结构与元数据", "structure and metadata"),
    "within_table": ("表内勾稽", "within a table"),
    "across_tables": ("表间勾稽", "across tables"),
    "text_vs_table": ("文字与表格", "text against tables"),
    "year_over_year": ("年度对比", "year over year"),
    "text_quality": ("文字质量", "text quality"),
    "completeness": ("完整性", "completeness"),
}

#: The stages of a rule that holds for budgets and final accounts alike (an identity of
#: the tables both print, or a quality of any text).
BOTH_STAGES = ("budget", "final")

BASIS_IDENTITY = "表内/表间恒等关系 (accounting identity of the tables)"
BASIS_143 = "财预〔2016〕143号《地方预决算公开操作规程》"
BASIS_CLASSIFICATION = "《政府收支分类科目》 (government revenue and expenditure classification)"


@dataclass(frozen=True)
class Finding:
    """One thing a rule found.

    Attributes:
        rule_id: The rule that found it.
        severity: "error", "warning" or "info".
        message_zh: What is wrong, in Chinese.
        message_en: The same in English.
        expected_yuan: The value the identity or the other source gives, when numeric.
        printed_yuan: The value printed in the place checked.
        locations: Every cell or sentence involved: ``file:L<line>|p<page>:table:r<row>:col``.
    """

    rule_id: str
    severity: str
    message_zh: str
    message_en: str
    expected_yuan: Decimal | None = None
    printed_yuan: Decimal | None = None
    locations: tuple[str, ...] = ()

    @property
    def difference_yuan(self) -> Decimal | None:
        """Return printed − expected, exactly (None when either is missing)."""
        if self.expected_yuan is None or self.printed_yuan is None:
            return None
        return self.printed_yuan - self.expected_yuan


@dataclass(frozen=True)
class Rule:
    """A registered check.

    Attributes:
        rule_id: Stable identifier ("W01"), group letter first.
        group: A key of :data:`GROUPS`.
        severity: Severity of its findings (rounding-explained ones become "info").
        title_zh: Title in Chinese.
        title_en: Title in English.
        basis: What the rule rests on (an identity, 财预〔2016〕143号, the classification).
        applies: When it applies, for a person ("department and unit budgets with 支出总表").
        requires: Table kinds that must be present for it to run.
        needs_previous: Whether it needs the previous year's disclosure.
        stages: Stages it applies to ("budget", "final"; :data:`BOTH_STAGES` for both).
        scopes: Scopes it applies to ("department", "unit").
        reads: Table kinds whose figures it compares (those it requires and those it uses
            when present). A finding drawn from one of them that could not be read reliably
            is not the document's error: the runner says what could not be verified instead.
        func: The check itself.
    """

    rule_id: str
    group: str
    severity: str
    title_zh: str
    title_en: str
    basis: str
    applies: str
    requires: tuple[str, ...]
    needs_previous: bool
    stages: tuple[str, ...]
    scopes: tuple[str, ...]
    reads: tuple[str, ...]
    func: Callable[[Context], Iterable[Finding]] = field(repr=False)


RULES: dict[str, Rule] = {}


def register_rule(func: Callable[[Context], Iterable[Finding]], rule_id: str, group: str,
                  severity: str, title_zh: str, title_en: str, *,
                  basis: str = BASIS_IDENTITY, applies: str = "budget disclosures (部门/单位预算)",
                  requires: tuple[str, ...] = (), needs_previous: bool = False,
                  stages: tuple[str, ...] = ("budget",),
                  scopes: tuple[str, ...] = ("department", "unit"),
                  reads: tuple[str, ...] | None = None) -> Rule:
    """Register the check ``func`` under ``rule_id`` in :data:`RULES` and return its rule.

    Each module calls this below the function it registers, not as a decorator: mutmut
    (``make mutation``) leaves decorated functions unmutated, and the rule bodies are
    what the checks' mutation score must measure. ``reads`` defaults to ``requires``: a
    rule reads at least the tables it needs.

    Raises:
        ValueError: The group or severity is unknown, or ``rule_id`` is registered already.
    """
    if group not in GROUPS or severity not in SEVERITIES:
        raise ValueError(f"rule {rule_id}: unknown group {group!r} or severity {severity!r}")
    if rule_id in RULES:
        raise ValueError(f"rule {rule_id} registered twice")
    RULES[rule_id] = Rule(rule_id, group, severity, title_zh, title_en, basis, applies,
                          requires, needs_previous, stages, scopes,
                          tuple(dict.fromkeys((*requires, *(reads or ())))), func)
    return RULES[rule_id]


#: ``…:table:r<row>:<measure>``, ``…:r<row>:<item>@<measure>`` in a table of item columns,
#: and ``@c<column>`` after either where a row prints one measure in several columns.
#: Cells one finding lists at most (a 合计 of the real tables sums under 50 lines; a
#: table repeated thousands of times must not make each finding list all of them).
MAX_LOCATIONS = 500

_SOURCE_KEY = re.compile(
    r":(?P<table>[a-z_]+):r(?P<row>\d+):(?:(?P<item>[a-z_]+)@)?(?P<column>[a-z_]+)"
    r"(?:@c\d+)?$")


class Context:
    """What a rule sees: the disclosure, the previous year's, and lookups into both."""

    def __init__(self, disclosure, previous=None) -> None:
        self.disclosure = disclosure
        self.previous = previous
        self.file = disclosure.raw.path.name if disclosure.raw else disclosure.meta.source
        self._sources: dict[tuple[str, int, str], str] = {}
        self._item_sources: dict[tuple[str, int, str, str], str] = {}
        self._located_sources: dict[tuple[str, int, str, str], str] = {}
        self._table_files: dict[str, str] = {}
        amounts = disclosure.amounts
        for source, line_code in zip(amounts.source, amounts.line_code, strict=True):
            match = _SOURCE_KEY.search(source) if isinstance(source, str) else None
            if match:
                key = (match["table"], int(match["row"]), match["column"])
                self._sources.setdefault(key, source)
                if match["item"] and isinstance(line_code, str):
                    self._item_sources.setdefault((*key, line_code), source)
                where = source[:match.start()].rsplit(":", 1)[-1]  # "p8" or "L12"
                self._located_sources.setdefault((*key, where), source)
                self._table_files.setdefault(match["table"], source.split(":", 1)[0])

    @cached_property
    def anomalies(self) -> pd.DataFrame:
        """Return the disclosure's anomalies (built once per check run)."""
        return self.disclosure.anomalies

    @cached_property
    def number_cell_texts(self) -> dict[str, list[str]]:
        """Return, per table kind, the texts read in its amount cells (``text_in_number``)."""
        return self._anomaly_texts("text_in_number", "text")

    @cached_property
    def unmapped_columns(self) -> dict[str, list[str]]:
        """Return, per table kind, the headers of its amount columns no measure was mapped to."""
        return {table: list(dict.fromkeys(headers)) for table, headers
                in self._anomaly_texts("unmapped_column", "column").items()}

    def _anomaly_texts(self, kind: str, field: str) -> dict[str, list[str]]:
        """Return, per table kind, ``field`` of each anomaly of ``kind`` (missing ones left out).

        Gathered once per disclosure: a mask over the anomalies per table kind and rule
        cost more than the rules' own work.
        """
        anomalies = self.anomalies[self.anomalies.kind == kind]
        texts: dict[str, list[str]] = {}
        for table, text in zip(anomalies.table, anomalies[field], strict=True):
            if not _is_missing(text):
                texts.setdefault(table, []).append(str(text))
        return texts

    @cached_property
    def unread(self) -> dict[str, list[str]]:
        """Return the kinds the document prints but the loader could not read, with where.

        The loader names the kind of a table whose title it recognised but whose layout it
        could not map (an ``unrecognized_table`` or ``table_unreadable`` anomaly): such a
        table is printed, so its absence from :attr:`Disclosure.tables` is ours.
        """
        anomalies = self.anomalies
        named = anomalies[anomalies.kind.isin(["unrecognized_table", "table_unreadable"])
                          & anomalies.table.isin(list(KINDS_BY_KEY))]
        unread: dict[str, list[str]] = {}
        for row in named.itertuples():
            if row.table not in self.disclosure.tables:
                unread.setdefault(row.table, []).append(anomaly_location(self.file, row))
        return unread

    @cached_property
    def unidentified(self) -> list[str]:
        """Return where the document prints tables of no kind the loader knows.

        Any standard table the loader did not find may be one of these: its absence is
        then not proven.
        """
        anomalies = self.anomalies
        unknown = anomalies[(anomalies.kind == "unrecognized_table")
                            & ~anomalies.table.isin(list(KINDS_BY_KEY))]
        return [anomaly_location(self.file, row) for row in unknown.itertuples()]

    @cached_property
    def figures(self) -> list[dict]:
        """Return the narrative's stated figures as records (a missing value is None)."""
        return records(self.disclosure.narrative.figures)

    @cached_property
    def spending_items(self) -> list[dict]:
        """Return the 支出主要内容 items as records (a missing value is None)."""
        return records(self.disclosure.narrative.spending_items)

    def amounts_of(self, kind: str) -> list[dict]:
        """Return the tidy amount records of table ``kind``."""
        amounts = self.disclosure.amounts
        return amounts[amounts.table == kind].to_dict("records")

    # -- tables ------------------------------------------------------------------------
    def frame(self, kind: str) -> pd.DataFrame | None:
        """Return the wide frame of table ``kind``, or None when the document lacks it."""
        table = self.disclosure.tables.get(kind)
        return None if table is None else table.frame

    def source(self, kind: str, row: object, measure: str, line_code: object = None,
               at: dict | None = None) -> str:
        """Return the location of the cell (table, printed row, measure).

        ``line_code`` tells apart the items of one row in a table of item columns
        (Shanghai's 三公), where row and measure alone name several cells; ``at`` (a record
        with its page and line) the forms of one kind printed apart (绩效自评表), whose
        rows share numbers.
        """
        key = (kind, int(row), measure)
        if isinstance(line_code, str) and (*key, line_code) in self._item_sources:
            return self._item_sources[(*key, line_code)]
        located = None if at is None else (*key, printed_at(at["page"], at["line"]))
        if located in self._located_sources:
            return self._located_sources[located]
        if key in self._sources:
            return self._sources[key]
        return f"{self.table_file(kind)}:{kind}:r{int(row)}:{measure}"

    def table_location(self, kind: str) -> str:
        """Return where table ``kind`` is printed (``file:p<page>:kind``), for a line not found."""
        table, file = self.disclosure.tables.get(kind), self.table_file(kind)
        if table is not None and table.page is not None:
            return f"{file}:p{table.page}:{kind}"
        if table is not None and table.line is not None:
            return f"{file}:L{table.line}:{kind}"
        return f"{file}:{kind}"

    def table_file(self, kind: str) -> str:
        """Return the name of the file table ``kind`` was read from (its cells say which)."""
        return self._table_files.get(kind, self.file)

    @cached_property
    def files(self) -> frozenset[str]:
        """Return the names of the disclosure's files (北京 publishes two)."""
        return frozenset({self.file, *self._table_files.values(),
                          *(Path(part).name for part in self.disclosure.meta.source.split(" + "))})

    def locate(self, where: str) -> str:
        """Return the full location of a relative one (``kind:r<row>:<measure>``)."""
        match = re.fullmatch(r"(?P<kind>[a-z_]+):r(?P<row>\d+):(?P<measure>[a-z_]+)", where)
        if match:
            return self.source(match["kind"], int(match["row"]), match["measure"])
        return f"{self.file}:{where}"

    def precision(self, kind: str) -> Decimal:
        """Return what rounding can explain per printed figure of table ``kind`` (yuan).

        Tables in 元 are exact (0); tables in 万元 are rounded to their printed digits.
        """
        table = self.disclosure.tables.get(kind)
        if table is None or table.unit == "元" or table.precision_yuan is None:
            return Decimal(0)
        return table.precision_yuan

    # -- comparison -------------------------------------------------------------------
    def compare(self, rule_id: str, expected: Decimal, printed: Decimal,
                locations: Iterable[str], message_zh: str, message_en: str,
                tolerance: Decimal = Decimal(0), *, blank: bool = False) -> Iterator[Finding]:
        """Yield a finding when ``printed`` differs from ``expected``.

        A difference within ``tolerance`` (what rounding of the printed figures can
        explain) is "info"; a larger one has the rule's severity. ``blank`` says the
        printed cell is empty (compared as 0): the message says so rather than "0.00",
        which the document does not print.
        """
        difference = printed - expected
        if difference == 0:
            return
        severity = "info" if abs(difference) <= tolerance else RULES[rule_id].severity
        note_zh = "（在四舍五入误差范围内）" if severity == "info" else ""
        note_en = " (within rounding)" if severity == "info" else ""
        shown_zh = "空白" if blank else f"{wan(printed)} 万元"
        shown_en = "blank" if blank else wan(printed)
        yield Finding(rule_id, severity,
                      f"{message_zh}：应为 {wan(expected)} 万元，列示 {shown_zh}，"
                      f"差 {wan(difference)} 万元{note_zh}",
                      f"{message_en}: expected {wan(expected)}, printed {shown_en} "
                      f"(万元), difference {wan(difference)}{note_en}",
                      expected, printed, tuple(locations))

    def compare_stated(self, rule_id: str, actual: Decimal, stated: Decimal,
                       precision: Decimal, locations: Iterable[str], message_zh: str,
                       message_en: str) -> Iterator[Finding]:
        """Yield a finding when a figure stated at ``precision`` does not match ``actual``.

        The text says nothing finer than its last printed digit: ``actual`` rounded to
        that digit must equal ``stated``. A mismatch of one digit (another rounding rule,
        truncation) is "info".
        """
        rounded = round_to(actual, precision)
        if rounded == stated:
            return
        yield from self.compare(rule_id, actual, stated, locations, message_zh, message_en,
                                tolerance=precision)


def round_to(amount: Decimal, precision: Decimal) -> Decimal:
    """Round ``amount`` half-up to a multiple of ``precision`` (both in yuan)."""
    if precision <= 0:
        return amount
    return (amount / precision).quantize(Decimal(1), rounding=ROUND_HALF_UP) * precision


def wan(amount: Decimal) -> str:
    """Format yuan as 万元 with as many decimals as needed to stay exact (at least two)."""
    value = to_wan(amount).normalize()
    decimals = max(2, -value.as_tuple().exponent)
    return f"{value:,.{decimals}f}"


def records(frame: pd.DataFrame) -> list[dict]:
    """Return a frame's rows as dicts in which every missing value is None.

    pandas' ``str`` dtype marks a missing text as NaN, a float: ``name or ""`` keeps it
    (NaN is truthy) and a regex then raises on it. Rules test text with ``is None`` and
    ``or``, so a missing value of any dtype becomes None here, once, for every rule.
    """
    return [{key: None if _is_missing(value) else value for key, value in row.items()}
            for row in frame.to_dict("records")]


def _is_missing(value: object) -> bool:
    """Return whether ``value`` is a scalar missing value (None, NaN, NA, NaT)."""
    # a list or array cell (a non-scalar) is a value, never a missing one
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def anomaly_location(file: str, row) -> str:
    """Return ``file:p<page>|L<line>:table:r<row>:column`` of an anomaly (a named tuple)."""
    where = f"p{int(row.page)}" if pd.notna(row.page) else (
        f"L{int(row.line)}" if pd.notna(row.line) else "")
    # a disclosure of several files (北京: narrative and tables apart) names the anomaly's own
    own = getattr(row, "file", None)
    parts = [own if isinstance(own, str) and own else file, where,
             "" if pd.isna(row.table) else row.table,
             f"r{int(row.row)}" if pd.notna(row.row) else "",
             "" if pd.isna(row.column) else row.column]
    return ":".join(part for part in parts if part)


def narrative_location(file: str, row: pd.Series) -> str:
    """Return the location of a narrative figure or item ("file:p3:narrative", "file:L100:…").

    Page and line print as whole numbers whatever the row's dtype (a Series of a None and an
    int is float: 100.0).
    """
    return f"{file}:{printed_at(row.get('page'), row.get('line'))}:narrative"


def printed_at(page: object, line: object) -> str:
    """Return "p<page>", else "L<line>": where a source names its cell (whole numbers)."""
    if pd.notna(page):
        return f"p{int(page)}"
    return f"L{int(line)}" if pd.notna(line) else "L?"


FINDING_DTYPES: dict[str, object] = {c.name: c.dtype for c in FINDING_COLUMNS}


def findings_frame(findings: list[Finding], disclosure) -> pd.DataFrame:
    """Return findings as a DataFrame (columns :data:`FINDING_DTYPES`), errors first."""
    order = {severity: index for index, severity in enumerate(SEVERITIES)}
    findings = sorted(findings, key=lambda f: (order[f.severity], f.rule_id))
    records = [{
        "rule_id": f.rule_id, "group": RULES[f.rule_id].group, "severity": f.severity,
        "title_zh": RULES[f.rule_id].title_zh, "message_zh": f.message_zh,
        "message_en": f.message_en, "expected_yuan": f.expected_yuan,
        "printed_yuan": f.printed_yuan, "difference_yuan": f.difference_yuan,
        "locations": "; ".join(f.locations), "department": disclosure.meta.department,
        "year": disclosure.meta.year, "file": disclosure.meta.source,
    } for f in findings]
    return typed_frame(records, FINDING_DTYPES)
