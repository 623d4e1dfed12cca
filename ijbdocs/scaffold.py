"""A clerk's edits as library calls: start a project, add meetings, papers and updates,
record decisions and issue dates.

New files come from templates (ijbdocs/defaults/starter/ and templates/scaffold/, which a
project's templates/ folder can override); edits to existing files go through
`yamledit`, which keeps the clerk's comments and layout. Anything that would contradict
what is already recorded (issuing a direction that was not approved, issuing it twice, a
status update for a direction not yet issued) is refused with a message saying what to do.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .checks.common import did_you_mean
from .content import MEETING_FOLDER, PAPER_FILE, read_content
from .format import long_date
from .load import Document
from .model import APPROVED_DECISIONS, add_years
from .project import DEFAULTS, Project
from .yamledit import EditError, YamlFile, scalar

STARTER = DEFAULTS / "starter"
DECISIONS = ("pending", "approved", "approved_with_amendments", "not_approved", "deferred",
             "noted")
UPDATE_STATUSES = ("in_progress", "delivery_issue", "completed", "revoked")
# Agenda items that close a meeting: a new paper goes before them.
CLOSING_ITEM = re.compile(
    r"date of (the )?next meeting|any other( competent)? business|\baocb\b|\baob\b|^close",
    re.IGNORECASE,
)
# Keys that come after `decision` in a paper, in the content format's order.
AFTER_DECISION = ("glossary", "summary", "sections", "anticipated_outcomes",
                  "measuring_impact", "implications", "consultation", "conclusion",
                  "direction_required", "direction", "escalation_required", "appendices",
                  "links")


class ScaffoldError(Exception):
    """The edit was refused: the message says why and what to do instead."""


@dataclass(frozen=True)
class Change:
    """What an edit did, for the command to report."""

    path: Path
    message: str


# ------------------------------------------------------------------------------ templates


def _environment(folders: list[Path]) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(f) for f in folders]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # YAML, not HTML
    )
    environment.filters["yaml"] = scalar
    environment.filters["long_date"] = long_date
    return environment


# ---------------------------------------------------------------------------------- init


def initials(name: str) -> str:
    """`North Ayrshire IJB` → `NAIJB`: first letters, but words in capitals kept whole."""
    letters = []
    for word in re.findall(r"[A-Za-z]+", name):
        if word.lower() in ("and", "of", "the", "for"):
            continue
        letters.append(word if word.isupper() else word[0].upper())
    return "".join(letters) or "IJB"


def init_project(folder: Path, name: str, today: dt.date) -> list[Path]:
    """Write the starter content into `folder` (which must not have content/ yet)."""
    if (folder / "content").exists():
        raise ScaffoldError(
            f"{folder / 'content'} already exists; ijbdocs init starts a new project and "
            "never overwrites one (choose an empty folder)"
        )
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder} is a file, not a folder")
    short_name = re.sub(r"\bIntegration Joint Board\b", "IJB", name)
    prefix = initials(short_name)
    plan_start = dt.date(today.year if today.month >= 4 else today.year - 1, 4, 1)
    values = {
        "name": name,
        "short_name": short_name,
        "partnership_name": re.sub(r"\bIntegration Joint Board\b|\bIJB\b",
                                   "Health and Social Care Partnership", name),
        "prefix": prefix,
        "year": today.year,
        "today": today.isoformat(),
        "meeting_date": today.isoformat(),
        "plan_start": plan_start.isoformat(),
        "plan_end": dt.date(plan_start.year + 3, 3, 31).isoformat(),
        "review_by": add_years(today, 3).isoformat(),
    }
    environment = _environment([STARTER])
    written = []
    for source in sorted(STARTER.rglob("*.j2")):
        rel = source.relative_to(STARTER).as_posix()
        target_rel = rel[: -len(".j2")].replace("MEETING", values["meeting_date"])
        if target_rel == "gitignore":
            target_rel = ".gitignore"
        target = folder / target_rel
        target.parent.mkdir(parents=True, exist_ok=True)
        text = environment.get_template(rel).render(values)
        target.write_text(text, encoding="utf-8", newline="\n")
        written.append(target)
    return written


# ------------------------------------------------------------------------------- meetings


def meeting_folder(project: Project, meeting: str) -> Path:
    """A meeting named by its folder (`2024-03-21`, `meetings/2024-03-21`, or a path)."""
    candidate = Path(meeting)
    if candidate.is_dir() and (candidate / "meeting.yaml").is_file():
        return candidate.resolve()
    name = candidate.name
    folder = project.content / "meetings" / name
    if folder.is_dir():
        return folder
    existing = sorted(p.name for p in (project.content / "meetings").glob("*") if p.is_dir()) \
        if (project.content / "meetings").is_dir() else []
    raise ScaffoldError(
        f"there is no meeting '{meeting}' (looked for {folder.relative_to(project.root)})"
        f"{did_you_mean(name, existing)}; make one with `ijbdocs new meeting DATE`"
    )


def new_meeting(project: Project, date: dt.date, body: str, time: str, venue: str,
                suffix: str | None = None) -> Path:
    """Make meetings/DATE[-suffix]/meeting.yaml from the meeting template."""
    name = date.isoformat() + (f"-{suffix}" if suffix else "")
    if not MEETING_FOLDER.fullmatch(name):
        raise ScaffoldError(
            f"'{suffix}' cannot end a meeting folder name; use lower-case letters, digits "
            "and hyphens (e.g. special)"
        )
    folder = project.content / "meetings" / name
    if folder.exists():
        raise ScaffoldError(f"meetings/{name} already exists; add papers to it with "
                            f"`ijbdocs new paper {name} \"Title\"`")
    environment = _environment(project.template_folders)
    text = environment.get_template("scaffold/meeting.yaml.j2").render(
        id=name, date=date, body=body, time=time, venue=venue)
    folder.mkdir(parents=True)
    (folder / "meeting.yaml").write_text(text, encoding="utf-8", newline="\n")
    return folder / "meeting.yaml"


# --------------------------------------------------------------------------------- papers


def slug(title: str, limit: int = 48) -> str:
    """`Day Services – Review 2024` → `day-services-review-2024` (short, safe for a file)."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        if out and len(out) + 1 + len(word) > limit:
            break
        out = f"{out}-{word}" if out else word[:limit]
    return out or "paper"


def next_paper_number(folder: Path, agenda_stems: list[str]) -> int:
    numbers = [int(p.stem[:2]) for p in folder.glob("*.yaml") if PAPER_FILE.fullmatch(p.stem)]
    numbers += [int(s[:2]) for s in agenda_stems if PAPER_FILE.fullmatch(s)]
    number = max(numbers, default=0) + 1
    if number > 99:
        raise ScaffoldError("this meeting already has paper 99; paper files are numbered "
                            "with two digits")
    return number


def _taken_refs(documents: dict[str, Document]) -> set[str]:
    """Every direction reference written anywhere, valid file or not."""
    refs: set[str] = set()
    for path, document in documents.items():
        data = document.data
        if path == "directions/legacy.yaml" and isinstance(data, list):
            refs.update(str(item["ref"]) for item in data
                        if isinstance(item, dict) and "ref" in item)
        elif isinstance(data, dict) and isinstance(data.get("direction"), dict) and \
                "ref" in data["direction"]:
            refs.add(str(data["direction"]["ref"]))
    return refs


def ref_template(pattern: str | None, short_name: str) -> tuple[str, str]:
    """The text before the number and the number's width, for a year's references.

    `^NAIJB-\\d{4}-\\d{3}$` → ("NAIJB-{year}-", 3). With no pattern: `<INITIALS>-{year}-`
    and 3 digits, e.g. TIJB-2024-001.
    """
    if not pattern:
        return f"{initials(short_name)}-{{year}}-", 3
    body = pattern.removeprefix("^").removesuffix("$")
    match = re.fullmatch(r"(?P<head>.*?)(?:\\d|\[0-9\])\{(?P<width>\d+)\}", body)
    if not match:
        raise ScaffoldError(
            f"cannot work out the next reference from direction_ref_pattern '{pattern}'; "
            "give one with --ref"
        )
    head = re.sub(r"(?:\\d|\[0-9\])\{4\}", "{year}", match["head"], count=1)
    head = re.sub(r"\\(.)", r"\1", head)
    if re.search(r"[\\\[\](){}*+?|.^$]", head.replace("{year}", "")):
        raise ScaffoldError(
            f"cannot work out the next reference from direction_ref_pattern '{pattern}'; "
            "give one with --ref"
        )
    return head, int(match["width"])


def next_ref(pattern: str | None, short_name: str, year: int, taken: set[str]) -> str:
    """The next free direction reference for `year` following the partnership's pattern."""
    head, width = ref_template(pattern, short_name)
    prefix = head.replace("{year}", str(year))
    numbers = [int(ref[len(prefix):]) for ref in taken
               if ref.startswith(prefix) and ref[len(prefix):].isdigit()]
    candidate = f"{prefix}{max(numbers, default=0) + 1:0{width}d}"
    if pattern and not re.fullmatch(pattern.removeprefix("^").removesuffix("$"), candidate):
        raise ScaffoldError(
            f"the next reference {candidate} would not match direction_ref_pattern "
            f"'{pattern}'; give one with --ref"
        )
    return candidate


def agenda_position(agenda: list[Any]) -> int | None:
    """Where a new paper goes: after the last paper, or before the closing items."""
    papers = [n for n, entry in enumerate(agenda) if isinstance(entry, dict) and "paper" in entry]
    if papers:
        return papers[-1] + 1 if papers[-1] + 1 < len(agenda) else None
    position = len(agenda)
    while position > 0:
        entry = agenda[position - 1]
        if isinstance(entry, dict) and CLOSING_ITEM.search(str(entry.get("item", ""))):
            position -= 1
        else:
            break
    return position if position < len(agenda) else None


def new_paper(project: Project, meeting: str, title: str, direction: str = "none",
              ref: str | None = None) -> list[Change]:
    """Write the next NN-slug.yaml in the meeting from the paper template and put it on
    the agenda."""
    folder = meeting_folder(project, meeting)
    meeting_file = YamlFile(folder / "meeting.yaml")
    agenda = meeting_file.get(("agenda",))
    if not isinstance(agenda, list):
        raise ScaffoldError(f"{_rel(project, meeting_file.path)} has no agenda list; add "
                            "`agenda:` with at least one item first")
    stems = [str(e["paper"]) for e in agenda if isinstance(e, dict) and "paper" in e]
    stem = f"{next_paper_number(folder, stems):02d}-{slug(title)}"
    read = read_content(project.content)
    partnership = read.content.partnership
    if partnership is None:
        raise ScaffoldError("partnership.yaml has errors; run `ijbdocs check`, fix them, and "
                            "try again (a paper needs the partnership's functions)")
    date_text = str(meeting_file.get(("date",), folder.name[:10]))
    try:
        date = dt.date.fromisoformat(date_text)
    except ValueError:
        date = dt.date.fromisoformat(folder.name[:10])
    values: dict[str, Any] = {
        "title": title,
        "stem": stem,
        "meeting": {"id": folder.name, "date": date,
                    "body": str(meeting_file.get(("body",), "Integration Joint Board"))},
        "report_by": {
            "name": partnership.chief_officer.name if partnership.chief_officer else
            "Write the author's name",
            "title": (partnership.chief_officer.title if partnership.chief_officer else None)
            or "Chief Officer",
        },
        "implications": partnership.house_style.implications,
        "direction_required": direction,
    }
    if direction != "none":
        taken = _taken_refs(read.documents)
        if ref is None:
            ref = next_ref(partnership.direction_ref_pattern, partnership.short_name,
                           date.year, taken)
        elif ref in taken:
            raise ScaffoldError(f"direction reference {ref} is already used; every direction "
                                "needs its own")
        partners = ("council", "health_board") if direction == "both" else (direction,)
        ids = [f.id for f in partnership.functions]
        own = [f.id for f in partnership.functions if f.delegated_by in partners] or ids
        values.update(ref=ref, function_ids=ids, functions=own[:1], start=date,
                      end=add_years(date, 1), review=add_years(date, 1))
    environment = _environment(project.template_folders)
    text = environment.get_template("scaffold/paper.yaml.j2").render(values)
    path = folder / f"{stem}.yaml"
    path.write_text(text, encoding="utf-8", newline="\n")
    meeting_file.insert_item(("agenda",), agenda_position(agenda), {"paper": stem})
    meeting_file.save()
    changes = [Change(path, f"wrote {_rel(project, path)}"),
               Change(meeting_file.path, f"added `- paper: {stem}` to the agenda in "
                      f"{_rel(project, meeting_file.path)}")]
    if direction != "none":
        changes.append(Change(path, f"direction reference {ref} (the next free one)"))
    return changes


def paper_file(project: Project, paper: str) -> Path:
    """A paper named by its path or by MEETING/STEM (e.g. 2024-03-21/05-care)."""
    candidate = Path(paper)
    for option in (candidate, project.root / candidate, project.content / candidate):
        if option.is_file():
            return option.resolve()
    parts = paper.replace("\\", "/").removesuffix(".yaml").strip("/").split("/")
    if len(parts) >= 2:
        folder = project.content / "meetings" / parts[-2]
        path = folder / f"{parts[-1]}.yaml"
        if path.is_file():
            return path
        if folder.is_dir():
            stems = sorted(p.stem for p in folder.glob("*.yaml") if p.stem != "meeting")
            raise ScaffoldError(
                f"there is no paper '{parts[-1]}' in meetings/{parts[-2]}"
                f"{did_you_mean(parts[-1], stems)}"
            )
        meeting_folder(project, parts[-2])  # raises with a suggestion
    raise ScaffoldError(
        f"there is no paper '{paper}'; give the paper file's path or MEETING/STEM, e.g. "
        "2024-03-21/05-care-at-home"
    )


# ---------------------------------------------------------------------------- decisions


def decide(project: Project, paper: str, decision: str) -> Change:
    """Record the board's decision on a paper (`decision:` in the paper file)."""
    path = paper_file(project, paper)
    file = YamlFile(path)
    if not isinstance(file.data, dict):
        raise ScaffoldError(f"{_rel(project, path)} is not a paper (it has no keys)")
    current = str(file.get(("decision",), "pending"))
    issued = file.get(("direction", "issued"))
    rel = _rel(project, path)
    if current == decision:
        return Change(path, f"{rel} already records the decision '{decision}'; nothing changed")
    if issued and decision not in APPROVED_DECISIONS:
        ref = file.get(("direction", "ref"), "its direction")
        raise ScaffoldError(
            f"{ref} was issued on {issued}, so the decision cannot become '{decision}'; if "
            "the board has changed its mind, take a new paper that revokes or varies it"
        )
    file.set(("decision",), decision, before=AFTER_DECISION)
    file.save()
    return Change(path, f"recorded the decision '{decision}' in {rel} (was '{current}')")


def issue(project: Project, ref: str, date: dt.date, today: dt.date) -> Change:
    """Record that a direction was issued to its delivery partner(s) on `date`."""
    read = read_content(project.content)
    entries = {entry.ref: entry for entry in read.content.directions()}
    entry = entries.get(ref)
    if entry is None:
        raise ScaffoldError(
            f"there is no direction '{ref}'{did_you_mean(ref, sorted(entries))} (if its paper "
            "has errors, run `ijbdocs check` and fix them first)"
        )
    direction = entry.direction
    where = _rel(project, project.content / direction.source_file)
    if direction.issued is not None:
        raise ScaffoldError(f"{ref} was already issued on {direction.issued} ({where}); "
                            "a direction is issued once")
    if entry.decision not in APPROVED_DECISIONS:
        assert entry.paper is not None
        paper = f"{entry.paper.meeting.id}/{entry.paper.stem}"
        raise ScaffoldError(
            f"{ref} cannot be issued: its paper's decision is '{entry.decision}', and only an "
            f"approved direction is issued; record the decision first with "
            f"`ijbdocs decide {paper} approved`"
        )
    if date < entry.decision_date:
        raise ScaffoldError(f"{date} is before the board's decision on {entry.decision_date}; "
                            "a direction is issued after it is approved")
    if date > today:
        raise ScaffoldError(f"{date} is in the future; record the issue once it has happened")
    file = YamlFile(project.content / direction.source_file)
    file.set((*direction.key(), "issued"), date)
    file.save()
    late = (date - entry.decision_date).days
    note = f" ({late} days after the decision; the guidance expects 14 at most)" \
        if late > 14 else ""
    return Change(file.path, f"recorded {ref} as issued on {date} in {where}{note}")


def new_update(project: Project, ref: str, status: str, date: dt.date, note: str | None
               ) -> Change:
    """Add a status update for an issued direction to directions/updates.yaml."""
    read = read_content(project.content)
    entries = {entry.ref: entry for entry in read.content.directions()}
    entry = entries.get(ref)
    if entry is None:
        raise ScaffoldError(f"there is no direction '{ref}'{did_you_mean(ref, sorted(entries))}")
    issued = entry.direction.issued
    if issued is None:
        raise ScaffoldError(f"{ref} has not been issued, so it has no status to update; "
                            f"record its issue first with `ijbdocs issue {ref}`")
    if date < issued:
        raise ScaffoldError(f"{date} is before {ref} was issued on {issued}")
    for update in read.content.updates:
        if update.ref == ref and update.status in ("completed", "revoked") and \
                update.date <= date:
            raise ScaffoldError(f"{ref} was already {update.status} on {update.date}; "
                                "nothing can follow that")
    path = project.content / "directions" / "updates.yaml"
    item: dict[str, Any] = {"ref": ref, "date": date, "status": status}
    if note:
        item["note"] = note
    header = ("# Status updates for directions after they are issued: in_progress, "
              "delivery_issue,\n# completed or revoked. Add one with "
              "`ijbdocs new update REF STATUS --note \"...\"`.\n")
    if not path.is_file() or not path.read_text(encoding="utf-8").strip() or \
            _is_empty_list(path):
        existing = path.read_text(encoding="utf-8") if path.is_file() else header
        kept = "\n".join(line for line in existing.splitlines()
                         if line.strip() not in ("[]", "---"))
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = [f"- {scalar('ref')}: {scalar(ref)}", f"  date: {date.isoformat()}",
                 f"  status: {status}", *([f"  note: {scalar(note)}"] if note else [])]
        path.write_text(kept.rstrip("\n") + "\n" + "\n".join(lines) + "\n", encoding="utf-8",
                        newline="\n")
    else:
        file = YamlFile(path)
        if not isinstance(file.data, list):
            raise ScaffoldError("directions/updates.yaml must be a list of updates; run "
                                "`ijbdocs check` to see the problem")
        file.insert_item((), None, item)
        file.save()
    return Change(path, f"added {status.replace('_', ' ')} for {ref} on {date} to "
                        f"{_rel(project, path)}")


def _is_empty_list(path: Path) -> bool:
    try:
        data = YamlFile(path).data
    except EditError:
        return False
    return data is None or data == []


def _rel(project: Project, path: Path) -> str:
    try:
        return path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return str(path)

