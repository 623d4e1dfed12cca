"""Small factories for content folders: a minimal valid project that tests change one thing in.

`Project()` holds plain dicts in the content format; `write(root)` writes them as YAML.
The defaults pass `ijbdocs check --strict` as of AS_OF with no findings at all.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ijbdocs.cli import main

AS_OF = dt.date(2024, 6, 1)

IMPLICATIONS = {
    "financial": "None",
    "human_resources": "None",
    "legal": "None",
    "equality": "None",
    "children_and_young_people": "n/a",
    "environmental_and_sustainability": "n/a",
    "key_priorities": "Supports priority P1.",
    "risk": "None",
    "community_benefits": "n/a",
}


def partnership() -> dict[str, Any]:
    return {
        "name": "Testshire Integration Joint Board",
        "short_name": "Testshire IJB",
        "council": {"name": "Testshire Council", "chief_executive": "Chief Executive"},
        "health_board": {"name": "NHS Testshire", "chief_executive": "Chief Executive"},
        "direction_ref_pattern": r"^TIJB-\d{4}-\d{3}$",
        "localities": [{"id": "north", "name": "North"}, {"id": "south", "name": "South"}],
        "functions": [
            {"id": "adult-care", "name": "Adult social care", "delegated_by": "council"},
        ],
    }


def plan() -> dict[str, Any]:
    return {
        "title": "Testshire Strategic Plan 2023–2026",
        "period": {"start": "2023-04-01", "end": "2026-03-31"},
        "approved": "2023-03-16",
        "vision": "Everyone lives well at home.",
        "chapters": [],
        "priorities": [
            {"id": "P1", "title": "Wellbeing", "national_outcomes": [1, 2, 3, 4, 5],
             "actions": ["Do good things."], "measures": [{"indicator": "core-1"}]},
            {"id": "P2", "title": "Carers", "national_outcomes": [6, 7, 8, 9]},
        ],
        "localities": [
            {"id": "north", "arrangements": "North arrangements.", "priorities": ["P1"]},
            {"id": "south", "arrangements": "South arrangements.", "priorities": ["P2"]},
        ],
        "financial_statement": {
            "year": "2023-24", "total": 1000,
            "lines": [{"function": "adult-care", "amount": 1000}],
        },
        "housing_contribution_statement": "Housing helps.",
        "consultation_statement": "We asked people.",
        "equality_impact_assessment": {"summary": "Assessed.", "link": None},
    }


def easy_read() -> dict[str, Any]:
    return {
        "title": "Our plan",
        "sections": [
            {"heading": "About this plan", "blocks": [
                {"picture": "plan", "alt": "A plan", "text": "This plan says how we help."},
            ]},
        ],
        "words": {"carer": "A person who looks after someone."},
    }


def direction(ref: str, to: str = "council", **changes: Any) -> dict[str, Any]:
    """A direction in a paper: monitorable (timescales, milestones, performance)."""
    value: dict[str, Any] = {
        "ref": ref,
        "to": to,
        "functions": ["adult-care"],
        "delivery": "Deliver adult social care.",
        "budget": {"total": 1000},
        "timescales": {"start": "2022-04-01", "end": "2027-03-31",
                       "milestones": [{"date": "2023-03-31", "description": "Review."}]},
        "performance": ["Quarterly report."],
        "review_date": "2026-03-31",
    }
    value.update(changes)
    return value


def legacy_direction(ref: str = "TIJB-2022-001", **changes: Any) -> dict[str, Any]:
    """A direction made before ijbdocs: approved 2022-03-17, issued three days later."""
    value = direction(ref, title="Adult social care 2022 onwards", approved="2022-03-17",
                      issued="2022-03-20")
    value.update(changes)
    return value


def paper(title: str = "A paper", direction_required: str = "none", **changes: Any
          ) -> dict[str, Any]:
    value: dict[str, Any] = {
        "title": title,
        "report_by": {"name": "Alex Smith", "title": "Chief Officer"},
        "purpose": "To tell the board.",
        "recommendations": ["Note the report."],
        "summary": "A summary.",
        "implications": dict(IMPLICATIONS),
        "direction_required": direction_required,
    }
    value.update(changes)
    return value


def meeting(date: str, papers: list[str], **changes: Any) -> dict[str, Any]:
    value: dict[str, Any] = {
        "date": date,
        "time": "10:00",
        "body": "Integration Joint Board",
        "status": "held",
        "agenda": [{"item": "Apologies"}, *({"paper": stem} for stem in papers)],
    }
    value.update(changes)
    return value


@dataclass
class Project:
    partnership: dict[str, Any] | None = field(default_factory=partnership)
    plan: dict[str, Any] | None = field(default_factory=plan)
    easy_read: dict[str, Any] | None = field(default_factory=easy_read)
    legacy: list[dict[str, Any]] | None = field(default_factory=lambda: [legacy_direction()])
    updates: list[dict[str, Any]] | None = None
    meetings: dict[str, dict[str, Any]] = field(default_factory=dict)
    papers: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    files: dict[str, str | bytes] = field(default_factory=dict)  # extra raw files

    def add_paper(self, meeting_id: str, stem: str, value: dict[str, Any]) -> dict[str, Any]:
        """Add a paper, creating its meeting (and agenda entry) when needed."""
        if meeting_id not in self.meetings:
            self.meetings[meeting_id] = meeting(meeting_id[:10], [])
        self.meetings[meeting_id]["agenda"].append({"paper": stem})
        self.papers[(meeting_id, stem)] = value
        return value

    def copy(self) -> Project:
        return copy.deepcopy(self)

    def write(self, root: Path) -> Path:
        content = root / "content"
        content.mkdir(parents=True, exist_ok=True)
        documents: dict[str, Any] = {
            "partnership.yaml": self.partnership,
            "plan/plan.yaml": self.plan,
            "easy-read/plan.yaml": self.easy_read,
            "directions/legacy.yaml": self.legacy,
            "directions/updates.yaml": self.updates,
        }
        for meeting_id, value in self.meetings.items():
            documents[f"meetings/{meeting_id}/meeting.yaml"] = value
        for (meeting_id, stem), value in self.papers.items():
            documents[f"meetings/{meeting_id}/{stem}.yaml"] = value
        for rel, value in documents.items():
            if value is not None:
                write_file(content / rel, dump(value))
        for rel, raw in self.files.items():
            write_file(content / rel, raw)
        return root


def dump(value: Any) -> str:
    return yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=1000)


def write_file(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def findings(self) -> list[str]:
        return [line for line in self.out.splitlines() if re.match(r"\S+:\d+:\d+: |\S+: ", line)
                and (": error: " in line or ": warning: " in line)]


def run(root: Path, *args: str) -> Run:
    """Run the ijbdocs command in-process on the project at `root`."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(["-C", str(root), *args])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
    return Run(code, out.getvalue(), err.getvalue())


def line_of(path: Path, pattern: str, occurrence: int = 1) -> int:
    """The 1-based line of the `occurrence`-th line matching `pattern` (a regex)."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if re.search(pattern, line):
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{pattern!r} not found in {path}")
