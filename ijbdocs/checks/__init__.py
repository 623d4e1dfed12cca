"""Statutory checks: rules across files, each finding citing the guidance it comes from.

Schema rules live in the model; these need the whole content (ids, references, dates,
the as-of date). One module per source of rules.
"""

from __future__ import annotations

import datetime as dt

from ..content import ReadResult
from ..findings import Findings
from . import directions, easyread, papers, partnership, plan, site


def run_checks(result: ReadResult, as_of: dt.date) -> Findings:
    """All findings for the content: the reader's plus every cross-file rule."""
    findings = Findings(list(result.findings.items))
    content = result.content
    if content.partnership is None:
        return findings  # every other rule needs the partnership's ids
    partnership.check(content, result.root, findings)
    papers.check(result, findings)
    directions.check(content, as_of, findings)
    plan.check(content, result.root, as_of, findings)
    easyread.check(content, result.root, findings)
    site.check(content, result.root, findings)
    return findings
