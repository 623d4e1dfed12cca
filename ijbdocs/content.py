"""Read a content folder: find the source files, load each one, validate it into the model.

Problems become findings (file, line, key, message); a file that does not validate is left
out of the model so that later stages only ever see valid content.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from .findings import Findings, Location, format_key
from .load import Document, LoadError, load_file
from .model import (
    Content,
    EasyReadPlan,
    LegacyDirection,
    Meeting,
    Node,
    Paper,
    Partnership,
    Plan,
    Update,
)

M = TypeVar("M", bound=Node)

MEETING_FOLDER = re.compile(r"\d{4}-\d{2}-\d{2}(-[a-z0-9][a-z0-9-]*)?")
PAPER_FILE = re.compile(r"\d{2}-[a-z0-9][a-z0-9-]*")


@dataclass
class ReadResult:
    root: Path
    content: Content
    findings: Findings
    # paper file stems present in each meeting folder, valid or not (for the agenda check)
    paper_files: dict[str, set[str]] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)


def read_content(root: Path) -> ReadResult:
    """Read everything under the content folder `root`."""
    findings = Findings()
    reader = _Reader(root, findings)
    partnership = reader.one("partnership.yaml", Partnership, required=True)
    plan = reader.one("plan/plan.yaml", Plan)
    easy_read = reader.one("easy-read/plan.yaml", EasyReadPlan)
    legacy = reader.many("directions/legacy.yaml", LegacyDirection)
    updates = reader.many("directions/updates.yaml", Update)
    meetings = reader.meetings()
    reader.stray_yml()
    content = Content(partnership, meetings, plan, easy_read, legacy, updates)
    return ReadResult(root, content, findings, reader.paper_files, reader.documents)


class _Reader:
    def __init__(self, root: Path, findings: Findings):
        self.root = root
        self.findings = findings
        self.paper_files: dict[str, set[str]] = {}
        self.documents: dict[str, Document] = {}

    def _load(self, path: Path) -> Document | None:
        try:
            document = load_file(path, self.root)
        except LoadError as exc:
            self.findings.add(exc.finding)
            return None
        self.documents[document.path] = document
        return document

    def one(self, rel: str, model: type[M], required: bool = False) -> M | None:
        path = self.root / rel
        if not path.is_file():
            if required:
                self.findings.error(
                    Location(rel),
                    "",
                    f"{rel} is missing; every content folder needs one "
                    "(`ijbdocs init` writes a starting point)",
                    "missing-file",
                )
            return None
        document = self._load(path)
        if document is None:
            return None
        return validate(document, model, self.findings)

    def many(self, rel: str, model: type[M]) -> list[M]:
        path = self.root / rel
        if not path.is_file():
            return []
        document = self._load(path)
        if document is None:
            return []
        if document.data is None:
            return []
        if not isinstance(document.data, list):
            self.findings.error(
                document.locate(()),
                "",
                f"this file must be a list of entries, each starting with '- ', "
                f"not {_describe(document.data)}",
                "wrong-type",
            )
            return []
        items: list[M] = []
        for index, data in enumerate(document.data):
            item = _validate_data(document, data, (index,), model, self.findings)
            if item is not None:
                items.append(item)
        return items

    def meetings(self) -> list[Meeting]:
        folder = self.root / "meetings"
        if not folder.is_dir():
            return []
        meetings = []
        for path in sorted(folder.iterdir()):
            if not path.is_dir():
                if path.suffix in (".yaml", ".yml"):
                    self.findings.error(
                        Location(path.relative_to(self.root).as_posix()),
                        "",
                        "papers belong in a meeting folder such as meetings/2020-03-19/",
                        "misplaced-file",
                    )
                continue
            meeting = self.meeting(path)
            if meeting is not None:
                meetings.append(meeting)
        return meetings

    def meeting(self, folder: Path) -> Meeting | None:
        rel = folder.relative_to(self.root).as_posix()
        if not MEETING_FOLDER.fullmatch(folder.name):
            self.findings.error(
                Location(rel),
                "",
                f"meeting folder '{folder.name}' must be named by the meeting date, "
                "YYYY-MM-DD, optionally followed by -suffix (e.g. 2020-03-19-special)",
                "meeting-folder-name",
            )
            return None
        stems: set[str] = set()
        self.paper_files[folder.name] = stems
        papers: list[Paper] = []
        for path in sorted(folder.iterdir()):
            if path.is_dir() or path.suffix not in (".yaml", ".yml") or path.stem == "meeting":
                continue
            if path.suffix == ".yml":
                continue  # reported by stray_yml
            stems.add(path.stem)
            if not PAPER_FILE.fullmatch(path.stem):
                self.findings.error(
                    Location(path.relative_to(self.root).as_posix()),
                    "",
                    f"paper file '{path.name}' must be named NN-slug.yaml: two digits, a "
                    "hyphen, then lower-case letters, digits and hyphens "
                    "(e.g. 07-directions.yaml)",
                    "paper-file-name",
                )
                continue
            document = self._load(path)
            if document is None:
                continue
            paper = validate(document, Paper, self.findings)
            if paper is not None:
                paper._stem = path.stem
                papers.append(paper)
        meeting_file = folder / "meeting.yaml"
        if not meeting_file.is_file():
            self.findings.error(
                Location(rel),
                "",
                f"meeting folder '{folder.name}' has no meeting.yaml (date, body and agenda)",
                "missing-file",
            )
            return None
        document = self._load(meeting_file)
        meeting = validate(document, Meeting, self.findings) if document else None
        if meeting is None:
            return None
        meeting._id = folder.name
        if meeting.date.isoformat() != folder.name[:10]:
            self.findings.error(
                meeting.where("date"),
                "date",
                f"the meeting date {meeting.date.isoformat()} does not match its folder "
                f"name '{folder.name}'; rename the folder or correct the date",
                "meeting-date-mismatch",
            )
        order = {entry.paper: n for n, entry in enumerate(meeting.agenda) if entry.paper}
        papers.sort(key=lambda p: (order.get(p.stem, len(order)), p.stem))
        for paper in papers:
            paper._meeting = meeting
        meeting._papers = papers
        return meeting

    def stray_yml(self) -> None:
        for path in sorted(self.root.rglob("*.yml")):
            self.findings.error(
                Location(path.relative_to(self.root).as_posix()),
                "",
                f"ijbdocs reads .yaml files only; rename this file to {path.stem}.yaml",
                "yml-extension",
            )


# ------------------------------------------------------------------------------ validation


def validate(document: Document, model: type[M], findings: Findings) -> M | None:
    """Validate a whole document as `model`; findings for every problem, None if invalid."""
    return _validate_data(document, document.data, (), model, findings)


def _validate_data(
    document: Document,
    data: Any,
    base: tuple[str | int, ...],
    model: type[M],
    findings: Findings,
) -> M | None:
    if not isinstance(data, dict):
        where = "this file" if not base else f"entry {format_key(base)}"
        findings.error(
            document.locate(base),
            format_key(base),
            f"{where} must be a mapping of keys and values (such as `title: …`), "
            f"not {_describe(data)}",
            "wrong-type",
        )
        return None
    try:
        item = TypeAdapter(model).validate_python(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            message, code, at = _message(error, model, loc)
            findings.error(document.locate((*base, *at)), format_key((*base, *loc)), message,
                           code)
        return None
    item.attach(document, base)
    return item


def _describe(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, str):
        return f"the text '{value[:60]}'"
    return f"'{value}'"


def _message(
    error: Any, model: type[BaseModel], loc: tuple[str | int, ...]
) -> tuple[str, str, tuple[str | int, ...]]:
    """A clerk-readable message, a finding code, and the key path to point at."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    name = str(loc[-1]) if loc else ""
    if kind == "missing":
        return f"required key '{name}' is missing", "missing-key", loc[:-1]
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        hint = ""
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        if close:
            hint = f"; did you mean '{close[0]}'?"
        elif allowed:
            hint = f"; the keys allowed here are: {', '.join(allowed)}"
        return f"unknown key '{name}'{hint}", "unknown-key", loc
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        choices = re.findall(r"'([^']*)'", str(expected))
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return (
            f"{_describe(value)} is not allowed here; write one of: {', '.join(choices)}{hint}",
            "bad-choice",
            loc,
        )
    if kind in ("model_type", "model_attributes_type", "dict_type", "dataclass_type"):
        return (
            f"expected a mapping of keys and values here, not {_describe(value)}",
            "wrong-type",
            loc,
        )
    if kind == "list_type":
        return (
            f"expected a list here (one entry per line, each starting with '- '), "
            f"not {_describe(value)}",
            "wrong-type",
            loc,
        )
    if kind in ("string_type", "str_type"):
        return f"expected text here, not {_describe(value)}", "wrong-type", loc
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"expected a whole number here, not {_describe(value)}", "wrong-type", loc
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}, not {_describe(value)}", "out-of-range", loc
    if kind == "too_short":
        need = ctx.get("min_length", 1)
        return f"needs at least {need} entr{'y' if need == 1 else 'ies'}", "too-few", loc
    if kind.startswith("date") or kind == "money" or kind == "time":
        return error["msg"], f"bad-{kind.split('_')[0]}", loc
    return error["msg"], kind.replace("_", "-"), loc


def _fields_at(model: Any, path: tuple[str | int, ...]) -> list[str]:
    """The keys a mapping at `path` below `model` may have (for "did you mean")."""
    current: Any = model
    for part in path:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            current = info.annotation if info else None
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = options[0] if len(options) == 1 else annotation
            if len(options) != 1:
                return annotation
        else:
            return annotation
