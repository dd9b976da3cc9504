"""Audit checks (勾稽关系): a declarative catalog of rules whose findings point at cells.

>>> from helpers import load_disclosure, check
>>> this_year = load_disclosure("2024.pdf")  # doctest: +SKIP
>>> last_year = load_disclosure("2023.pdf")  # doctest: +SKIP
>>> findings = check(this_year, previous=last_year)  # doctest: +SKIP

:func:`check` runs every rule that applies and returns the findings as a DataFrame;
:func:`rules_frame` lists the catalog; :func:`completeness` gives the disclosure checklist.
"""

from __future__ import annotations

import pandas as pd

from helpers.checks import completeness as _completeness
from helpers.checks import final as _final  # noqa: F401  (registers the rules)
from helpers.checks import tables as _tables  # noqa: F401  (registers the rules)
from helpers.checks import text as _text  # noqa: F401  (registers the rules)
from helpers.checks.core import GROUPS, RULES, Context, findings_frame
from helpers.checks.runner import RuleFailedWarning, run_rules
from helpers.errors import reading

completeness = _completeness.completeness


def _runs_here(rule, disclosure, previous) -> bool:
    """Return whether ``rule`` is meant for this disclosure (stage, scope, previous year)."""
    meta = disclosure.meta
    return (meta.stage in rule.stages and meta.scope in rule.scopes
            and (previous is not None or not rule.needs_previous))


def applicable_rules(disclosure, previous=None) -> list:
    """Return the rules that apply to ``disclosure``.

    A rule applies when the disclosure's stage and scope are among its own, the tables it
    needs are present, and the previous year's disclosure is given if it needs one.
    """
    return [r for r in RULES.values() if _runs_here(r, disclosure, previous)
            and all(kind in disclosure.tables for kind in r.requires)]


def waiting_rules(disclosure, previous=None) -> list:
    """Return the rules that would apply but for a required table the loader did not produce."""
    return [r for r in RULES.values() if _runs_here(r, disclosure, previous)
            and not all(kind in disclosure.tables for kind in r.requires)]


def check(disclosure, previous=None) -> pd.DataFrame:
    """Run every applicable rule; return the findings (errors first).

    Raises nothing but :class:`~helpers.errors.DisclosureError` (naming the file), and
    never for a rule's sake: a table read unreliably yields info findings saying
    what could not be verified, and a rule that fails yields an info finding and a
    :class:`~helpers.checks.runner.RuleFailedWarning` (see :mod:`helpers.checks.runner`).

    Args:
        disclosure: The disclosure to audit.
        previous: The same department's previous-year disclosure, for the stated changes.

    Returns:
        One row per finding: rule id, group, severity, messages (zh, en), expected, printed
        and difference in yuan (exact), and the locations of every cell involved.
    """
    with reading(disclosure.meta.source, what="checking"):
        context = Context(disclosure, previous)
        findings = run_rules(context, applicable_rules(disclosure, previous),
                             waiting_rules(disclosure, previous))
        return findings_frame(findings, disclosure)


def rules_frame() -> pd.DataFrame:
    """Return the rule catalog as a DataFrame a reader can list."""
    return pd.DataFrame([{
        "rule_id": r.rule_id, "group": r.group, "group_zh": GROUPS[r.group][0],
        "severity": r.severity, "title_zh": r.title_zh, "title_en": r.title_en,
        "basis": r.basis, "applies": r.applies, "requires": ", ".join(r.requires),
        "reads": ", ".join(r.reads),
        "needs_previous": r.needs_previous, "stages": ", ".join(r.stages),
        "scopes": ", ".join(r.scopes),
    } for r in RULES.values()])


__all__ = ["RULES", "RuleFailedWarning", "applicable_rules", "check", "completeness",
           "rules_frame", "waiting_rules"]
