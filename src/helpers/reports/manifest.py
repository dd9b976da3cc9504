"""The batch's ``manifest.json``: what each report was rendered from, and how it went.

One record per report (its key, kind, title, inputs, status, findings, seconds, error) and
one per document. The batch writes it again as each report lands, so a batch that is killed
half-way keeps the records of the reports it finished and a re-run skips them; a report
still pending keeps the record of its last run until it lands.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from helpers.reports.outputs import OutputTarget
from helpers.reports.planning import DocumentEntry

__all__ = ["MANIFEST", "Manifest"]

MANIFEST = "manifest.json"
_VERSION = 2


class Manifest:
    """The manifest of one batch: the last run's records, and this run's as they land."""

    def __init__(self, target: OutputTarget, fingerprint: str, force: bool = False) -> None:
        """Read the last run's records from ``target`` (none when ``force``)."""
        self.target, self.fingerprint = target, fingerprint
        self.previous: dict[str, dict[str, Any]] = {} if force else self._read()
        self.reports: dict[str, dict[str, Any]] = {}
        self.documents: list[DocumentEntry] = []
        self.duplicates: list[tuple[str, str]] = []

    def _read(self) -> dict[str, dict[str, Any]]:
        try:
            manifest = json.loads((self.target.read_bytes(MANIFEST) or b"").decode("utf-8"))
        except ValueError:
            return {}
        if not isinstance(manifest, dict) or manifest.get("version") != _VERSION:
            return {}
        return manifest.get("reports", {})

    def record(self, stem: str, **fields: Any) -> None:
        """Set fields of one report's record."""
        self.reports.setdefault(stem, {}).update(fields)

    def write(self, final: bool = False) -> None:
        """Write the manifest; before the end, pending reports keep their last records."""
        reports = dict(self.reports)
        if not final:
            for stem, record in self.reports.items():
                if record.get("status") == "pending" and stem in self.previous:
                    reports[stem] = self.previous[stem]
        payload = {"version": _VERSION, "code": self.fingerprint, "reports": reports,
                   "documents": [asdict(e) for e in self.documents]}
        if self.duplicates:
            payload["duplicates"] = [list(pair) for pair in self.duplicates]
        self.target.write(MANIFEST, json.dumps(payload, ensure_ascii=False, indent=1,
                                               sort_keys=True))
