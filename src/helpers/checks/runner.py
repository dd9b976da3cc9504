"""Running the rules: neither our misreading nor a rule's own bug becomes the document's error.

Three things stand between the rules and the findings a reader sees:

* **A table we could not read reliably.** The normaliser marks a table ``unreliable`` (with
  the reason) when, as read, it does not reconcile with its own totals: a column mapped
  wrongly or a continuation page lost makes every identity drawn from it fail, and the
  failure is ours, not the document's. The checks add signs of their own
  (:func:`~helpers.checks.doubts.reading_doubt`): most rows of a table missing their own
  row total, and figures glued to words in amount cells.
  Each rule still runs; its findings that rest on such
  a table (a location names it, or the finding names no table while the rule reads it) are
  withheld, whatever their severity, and one ``info`` per (rule, table) says what could not
  be verified, why and where. Findings on the other tables stand: the mechanism withholds
  nothing that a correctly read table shows.
* **A table a rule needs that the loader did not produce, while the document prints tables
  it could not read.** The comparison is not made; one ``info`` per rule says so and where
  the unread tables are. When nothing is unread, the table is simply not printed and S01
  reports it (no second report here).
* **A rule that raises.** The audit goes on: the rule's findings so far are kept, an
  ``info`` says the rule could not run and why, and a :class:`RuleFailedWarning` is issued
  so the bug is seen in tests and logs. A failing rule is a bug to fix, not a finding.
"""

from __future__ import annotations

import functools
import warnings
from collections import Counter
from dataclasses import dataclass

from helpers.catalog import KINDS_BY_KEY
from helpers.checks.core import Context, Finding, Rule
from helpers.checks.doubts import reading_doubt


class RuleFailedWarning(UserWarning):
    """A rule raised on a disclosure; check() reported it as an info finding and went on."""


@dataclass(frozen=True)
class Doubt:
    """A table whose reading is in doubt.

    Attributes:
        files: Names of the disclosure's files, as locations print them.
        kind: Table kind key.
        reason: Why it could not be read reliably (``Table.unreliable``).
        where: Where it is printed (``file:p<page>:kind``).
    """

    files: frozenset[str]
    kind: str
    reason: str
    where: str


def run_rules(ctx: Context, rules: list[Rule], waiting: list[Rule]) -> list[Finding]:
    """Run ``rules``, screen their findings, and say which comparisons were not made.

    Args:
        ctx: What the rules see.
        rules: The rules that apply.
        waiting: Rules that apply but for a required table the loader did not produce.

    Returns:
        The findings, with those drawn from tables in doubt replaced by info findings.
    """
    doubts = table_doubts(ctx)
    findings: list[Finding] = []
    for rule in rules:
        relevant = [doubt for doubt in doubts
                    if doubt.files == ctx.files or rule.needs_previous]
        findings.extend(screen(rule, run_rule(rule, ctx), relevant))
    for rule in waiting:
        findings.extend(not_compared(rule, ctx))
    return findings


def run_rule(rule: Rule, ctx: Context) -> list[Finding]:
    """Return a rule's findings; a rule that raises yields an info finding and a warning."""
    found: list[Finding] = []
    try:
        # collected one by one: what a rule found before failing was found correctly
        found.extend(rule.func(ctx))
    except Exception as error:  # one rule's bug must not cost the reader the whole audit
        detail = f"{type(error).__name__}: {error}"
        warnings.warn(f"rule {rule.rule_id} could not run on {ctx.file}: {detail}",
                      RuleFailedWarning, stacklevel=2)
        found.append(Finding(
            rule.rule_id, "info",
            f"规则{rule.rule_id}（{rule.title_zh}）未能运行：{detail}（程序问题，非文件问题）",
            f"rule {rule.rule_id} ({rule.title_en}) could not run: {detail} (a fault of "
            "the checker, not of the document)",
            locations=(ctx.file,)))
    return found


def table_doubts(ctx: Context) -> list[Doubt]:
    """Return the tables whose reading is in doubt, in both disclosures."""
    contexts = [ctx] if ctx.previous is None else [ctx, Context(ctx.previous)]
    return [Doubt(own.files, kind, reason, own.table_location(kind))
            for own in contexts for kind, table in own.disclosure.tables.items()
            if (reason := table.unreliable or reading_doubt(own, kind))]


def tables_named(finding: Finding) -> set[tuple[str, str]]:
    """Return the (file, table kind) pairs a finding's locations name."""
    named = set()
    for location in finding.locations:
        named.update(_tables_at(location))
    return named


@functools.lru_cache(maxsize=2**16)
def _tables_at(location: str) -> tuple[tuple[str, str], ...]:
    """Return the (file, table kind) pairs one location names.

    Cached: the findings of one table name the same cells again and again (every 合计 of a
    table printed n times lists the cells of all its 类).
    """
    file, *parts = location.split(":")
    return tuple((file, part) for part in parts if part in KINDS_BY_KEY)


def screen(rule: Rule, found: list[Finding], doubts: list[Doubt]) -> list[Finding]:
    """Withhold findings resting on a table in doubt; say once per table what went unverified.

    A finding rests on a doubted table when a location names it, or when it names no table
    at all (a line looked for and not found) and the rule reads that table. Info findings
    are withheld too: "within rounding" computed from a misread figure is no truer.
    """
    if not doubts:
        return found
    withheld: Counter[int] = Counter()
    kept = []
    for finding in found:
        hits = _doubts_hit(rule, finding, doubts)
        if hits:
            withheld.update(hits)
        else:
            kept.append(finding)
    kept.extend(unverified(rule, doubt, withheld[index]) for index, doubt in enumerate(doubts)
                if doubt.kind in rule.reads or withheld[index])
    return kept


def _doubts_hit(rule: Rule, finding: Finding, doubts: list[Doubt]) -> list[int]:
    """Return the positions of the doubted tables a finding rests on."""
    named = tables_named(finding)
    if not named:
        return [index for index, doubt in enumerate(doubts) if doubt.kind in rule.reads]
    return [index for index, doubt in enumerate(doubts)
            if any(kind == doubt.kind and file in doubt.files for file, kind in named)]


def unverified(rule: Rule, doubt: Doubt, withheld: int) -> Finding:
    """Return the info finding saying what ``rule`` could not verify in a doubted table."""
    label = KINDS_BY_KEY[doubt.kind].zh
    note_zh = f"；据此得出的{withheld}项差异未列为文件问题" if withheld else ""
    note_en = f"; {withheld} differences drawn from it are not reported" if withheld else ""
    return Finding(
        rule.rule_id, "info",
        f"未能核对（{rule.title_zh}）：{label}未能可靠读取（{doubt.reason}），"
        f"可能是本程序读错而非文件有误{note_zh}",
        f"not verified ({rule.title_en}): the {doubt.kind} table could not be read reliably "
        f"({doubt.reason}); this may be our misreading, not the document's error{note_en}",
        locations=(doubt.where,))


def not_compared(rule: Rule, ctx: Context) -> list[Finding]:
    """Return an info finding when a table ``rule`` needs may be printed but was not read."""
    missing = [kind for kind in rule.requires if kind not in ctx.disclosure.tables]
    unread = [kind for kind in missing if kind in ctx.unread]
    if not unread and not ctx.unidentified:
        return []  # not printed: S01 says so
    labels = "、".join(KINDS_BY_KEY[kind].zh for kind in missing)
    if unread:
        why_zh = "、".join(KINDS_BY_KEY[kind].zh for kind in unread) + "已印出但未能读取"
        why_en = f"{', '.join(unread)} printed but could not be read"
        where = tuple(location for kind in unread for location in ctx.unread[kind])
    else:
        why_zh = f"文件中有{len(ctx.unidentified)}张表格未能识别，所需表格可能在其中"
        why_en = (f"{len(ctx.unidentified)} tables of the document could not be recognised; "
                  "the table needed may be one of them")
        where = tuple(ctx.unidentified)
    return [Finding(
        rule.rule_id, "info",
        f"未比较（{rule.title_zh}）：未读取到{labels}（{why_zh}）",
        f"not compared ({rule.title_en}): {', '.join(missing)} not read ({why_en})",
        locations=where)]
