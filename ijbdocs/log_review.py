"""The board's review of the directions log (directions guidance 5.2) as a draft paper.

`write_review(project, meeting_folder, as_of)` writes a covering report YAML into the
meeting folder and adds it to the meeting's agenda, so it goes through the normal check and
build like any paper the clerk wrote. The wording is the template
`papers/directions-log-review.yaml.j2`; this module only chooses what the paper lists, from
the published log (the paper is public).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .content import read_content
from .log import DirectionsLog, LogEvent, LogRow, directions_log
from .log_data import summarise
from .model import Content, Meeting, add_years
from .project import Project
from .render.templating import template_environment
from .write import write_text

SLUG = "directions-log-review"
TEMPLATE = "papers/directions-log-review.yaml.j2"
_REVIEW_TITLE = re.compile(r"directions?\s+log", re.IGNORECASE)


class ReviewError(Exception):
    """The review paper cannot be written (no such meeting, one already there …)."""


@dataclass(frozen=True)
class Changed:
    row: LogRow
    events: tuple[LogEvent, ...]


@dataclass(frozen=True)
class Review:
    path: Path  # the paper written
    stem: str
    since: dt.date
    last_review: Meeting | None
    agenda_edited: bool


def last_review(content: Content, before: Meeting) -> Meeting | None:
    """The latest earlier meeting that had a directions log review paper."""
    found = None
    for meeting in content.meetings:
        if meeting.date >= before.date or meeting is before:
            continue
        if any(paper.stem.endswith(SLUG) or _REVIEW_TITLE.search(paper.title)
               for paper in meeting.papers):
            found = meeting
    return found


def changed_since(log: DirectionsLog, since: dt.date) -> list[Changed]:
    """Directions with an event after `since` (up to the log's as-of date)."""
    changed = []
    for row in log.rows:
        events = tuple(e for e in row.history if since < e.date <= log.as_of)
        if events:
            changed.append(Changed(row, events))
    return changed


def _yaml_str(value: str) -> str:
    """A one-line YAML scalar (quoted only when it must be)."""
    text = yaml.safe_dump(value, allow_unicode=True, width=10_000, default_style=None)
    return text.removesuffix("\n...\n").removesuffix("\n")


def _cell(value: Any) -> str:
    """Text for a Markdown table cell: one line, pipes escaped."""
    return " ".join(str(value).split()).replace("|", "\\|")


def _next_stem(meeting: Meeting, folder: Path) -> str:
    numbers = [int(m[1]) for path in folder.glob("*.yaml")
               if (m := re.match(r"(\d+)-", path.stem))]
    return f"{max(numbers, default=0) + 1:02d}-{SLUG}"


def write_review(project: Project, folder: Path, as_of: dt.date, force: bool = False) -> Review:
    folder = folder.resolve()
    meetings_root = (project.content / "meetings").resolve()
    if folder.parent != meetings_root:
        raise ReviewError(f"{folder} is not a meeting folder (content/meetings/<date>)")
    if not (folder / "meeting.yaml").is_file():
        raise ReviewError(f"there is no meeting.yaml in {folder}")
    content = read_content(project.content).content
    meeting = next((m for m in content.meetings if m.id == folder.name), None)
    if meeting is None or content.partnership is None:
        raise ReviewError(f"meetings/{folder.name}/meeting.yaml (or partnership.yaml) has "
                          "errors; run `ijbdocs check` and fix them first")
    existing = [p for p in folder.glob(f"*-{SLUG}.yaml")]
    if existing and not force:
        raise ReviewError(f"meetings/{folder.name}/{existing[0].name} already exists; use "
                          "--force to write it again")
    stem = existing[0].stem if existing else _next_stem(meeting, folder)
    previous = last_review(content, meeting)
    since = previous.date if previous else add_years(meeting.date, -1)
    log = directions_log(content, as_of).public()
    summary = summarise(log, content.partnership)
    environment = template_environment(project)
    environment.filters.update(yaml_str=_yaml_str, cell=_cell)
    partnership = content.partnership
    text = environment.get_template(TEMPLATE).render(
        partnership=partnership,
        meeting=meeting,
        as_of=as_of,
        since=since,
        last_review=previous,
        log=log,
        summary=summary,
        changed=changed_since(log, since),
        report_by=partnership.chief_officer,
        implications=partnership.house_style.implications,
    )
    path = folder / f"{stem}.yaml"
    write_text(path, text)
    edited = _add_to_agenda(folder / "meeting.yaml", meeting, stem)
    return Review(path, stem, since, previous, edited)


def _add_to_agenda(meeting_file: Path, meeting: Meeting, stem: str) -> bool:
    """Put the paper on the agenda after the last paper (comments and layout kept)."""
    if any(entry.paper == stem for entry in meeting.agenda):
        return False
    from .yamledit import YamlFile

    papers = [i for i, entry in enumerate(meeting.agenda) if entry.paper]
    index = papers[-1] + 1 if papers else len(meeting.agenda)
    document = YamlFile(meeting_file)
    document.insert_item(("agenda",), index if index < len(meeting.agenda) else None,
                         {"paper": stem})
    document.save()
    return True
