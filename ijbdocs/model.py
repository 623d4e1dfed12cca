"""Typed classes of the content format (partnership, meetings, papers, directions, plan).

Each class validates one shape of the contract in ../shared/spec/content-format.md; key
names are fixed there. Rules that need more than one file (ids, references, the log) are
checks, not validators. Every object remembers where it came from, so a check can say
`file:line:col` for any key of it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .findings import KeyPath, Location
from .load import Document

# ---------------------------------------------------------------------------- value types


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise PydanticCustomError(
            "date_format", "write a date only, as YYYY-MM-DD (no time of day)"
        )
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError(
                "date_impossible", "'{value}' is not a real date", {"value": value}
            ) from None
    raise PydanticCustomError(
        "date_format",
        "'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2020-03-19",
        {"value": value},
    )


IsoDate = Annotated[dt.date, BeforeValidator(_parse_date)]

_MONEY_TEXT = re.compile(r"£?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?")


def parse_money(value: Any) -> Decimal:
    """Pounds as a number (1250000, 1250000.50) or text ("£1,250,000"); nothing vaguer."""
    hint = 'write the amount in pounds as a number such as 1250000 or "£1,250,000"'
    if isinstance(value, bool):
        raise PydanticCustomError("money", "'{value}' is not an amount of money; " + hint,
                                  {"value": value})
    if isinstance(value, int | float | Decimal):
        amount = Decimal(str(value))
    elif isinstance(value, str) and _MONEY_TEXT.fullmatch(value.strip()):
        amount = Decimal(value.strip().lstrip("£").strip().replace(",", ""))
    else:
        raise PydanticCustomError(
            "money", "'{value}' is not an amount of money; " + hint, {"value": value}
        )
    try:
        if not amount.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        raise PydanticCustomError("money", "'{value}' is not an amount; " + hint,
                                  {"value": value}) from None
    if amount < 0:
        raise PydanticCustomError(
            "money", "'{value}' is negative; amounts of money are never below zero: " + hint,
            {"value": value},
        )
    if amount != amount.quantize(Decimal("0.01")):
        raise PydanticCustomError(
            "money", "'{value}' has fractions of a penny (at most 2 decimal places): " + hint,
            {"value": value},
        )
    return amount


Money = Annotated[Decimal, BeforeValidator(parse_money)]


def _text(value: Any) -> Any:
    # YAML turns some prose into numbers or dates (`note: 2021`); prose is prose.
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "this must not be empty")
    return value


Text = Annotated[str, BeforeValidator(_text), AfterValidator(_not_blank)]
Markdown = Text  # prose fields marked (md) in the contract; rendered by the renderers


def _time(value: Any) -> Any:
    # Unquoted 10:00 is read by YAML 1.1 as the number 600 (base 60).
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return f"{value // 60:02d}:{value % 60:02d}"
    if isinstance(value, str) and re.fullmatch(r"([01]?\d|2[0-3])[:.][0-5]\d", value.strip()):
        hours, minutes = re.split(r"[:.]", value.strip())
        return f"{int(hours):02d}:{minutes}"
    raise PydanticCustomError(
        "time", "'{value}' is not a time of day; write it as \"10:00\"", {"value": value}
    )


TimeOfDay = Annotated[str, BeforeValidator(_time)]


def _proposal_id(value: Any) -> Any:
    if isinstance(value, float):  # unquoted 1.1
        return f"{value:g}"
    return value


Partner = Literal["council", "health_board"]
DirectionTo = Literal["council", "health_board", "both"]
DirectionRequired = Literal["none", "council", "health_board", "both"]
Visibility = Literal["public", "private", "draft"]
Decision = Literal[
    "pending", "approved", "approved_with_amendments", "not_approved", "deferred", "noted"
]
APPROVED_DECISIONS = ("approved", "approved_with_amendments")
Impacted = Literal[
    "patients", "people_who_use_services", "carers", "local_communities", "staff", "others"
]
UpdateStatus = Literal["in_progress", "delivery_issue", "completed", "revoked"]
Rating = Literal["not_yet_established", "partly_established", "established", "exemplary"]
Id = Annotated[str, BeforeValidator(_text), AfterValidator(_not_blank)]

DEFAULT_IMPLICATIONS = [
    "financial",
    "human_resources",
    "legal",
    "equality",
    "children_and_young_people",
    "environmental_and_sustainability",
    "key_priorities",
    "risk",
    "community_benefits",
]

# ----------------------------------------------------------------------------- base class


class Node(BaseModel):
    """A piece of content that knows its source document and key path."""

    model_config = ConfigDict(extra="forbid", frozen=False, validate_default=False)

    _document: Document | None = PrivateAttr(default=None)
    _path: KeyPath = PrivateAttr(default=())

    def where(self, *keys: str | int) -> Location:
        """Where `keys` (below this object) are in the source; falls back to this object."""
        if self._document is None:
            return Location("<unknown>")
        return self._document.locate((*self._path, *keys))

    def key(self, *keys: str | int) -> KeyPath:
        return (*self._path, *keys)

    @property
    def source_file(self) -> str:
        return self._document.path if self._document else "<unknown>"

    def attach(self, document: Document, path: KeyPath = ()) -> None:
        """Record the source of this object and every object below it."""
        self._document = document
        self._path = path
        for name in type(self).model_fields:
            _attach_value(getattr(self, name), document, (*path, name))


def _attach_value(value: Any, document: Document, path: KeyPath) -> None:
    if isinstance(value, Node):
        value.attach(document, path)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _attach_value(item, document, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            _attach_value(item, document, (*path, str(key)))


# ---------------------------------------------------------------------------- partnership


class Person(Node):
    name: Text
    title: Text | None = None


class Contact(Node):
    name: Text
    title: Text | None = None
    email: Text | None = None
    phone: Text | None = None


class Council(Node):
    name: Text
    chief_executive: Text | None = None
    leader: Text | None = None  # copied into directions (guidance 2.5)


class HealthBoard(Node):
    name: Text
    chief_executive: Text | None = None
    chair: Text | None = None  # copied into directions (guidance 2.5)


class Locality(Node):
    id: Id
    name: Text


class DelegatedFunction(Node):
    id: Id
    name: Text
    delegated_by: Partner


class Brand(Node):
    primary_colour: Text | None = None
    logo: Text | None = None

    @field_validator("primary_colour")
    @classmethod
    def _hex(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            raise PydanticCustomError(
                "colour", "'{value}' is not a colour; write it as #RRGGBB, e.g. #005eb8",
                {"value": value},
            )
        return value


class HouseStyle(Node):
    direction_box: Literal["table", "yes-no"] = "table"
    implications: list[Id] = Field(default_factory=lambda: list(DEFAULT_IMPLICATIONS))
    word_template: Text | None = None
    brand: Brand = Field(default_factory=Brand)


class PublicContact(Node):
    """How the public reaches the partnership (accessibility statement, other formats)."""

    email: Text | None = None
    phone: Text | None = None
    address: Text | None = None


class Partnership(Node):
    name: Text
    short_name: Text
    partnership_name: Text | None = None
    site_url: Text | None = None
    language: Text = "en-GB"
    council: Council
    health_board: HealthBoard
    chief_officer: Person | None = None
    chair: Person | None = None  # the IJB chair, copied into directions (guidance 2.5)
    contact: PublicContact | None = None
    direction_ref_pattern: Text | None = None
    localities: list[Locality]
    functions: list[DelegatedFunction]
    house_style: HouseStyle = Field(default_factory=HouseStyle)

    @field_validator("direction_ref_pattern")
    @classmethod
    def _regex(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise PydanticCustomError(
                    "regex", "not a valid pattern ({error})", {"error": str(exc)}
                ) from None
        return value

    @field_validator("site_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None:
            if not re.fullmatch(r"https?://[^\s/]+(/\S*)?", value):
                raise PydanticCustomError(
                    "url", "'{value}' is not a web address such as https://ijb.example.org/",
                    {"value": value},
                )
            if not value.endswith("/"):
                value += "/"
        return value

    def partner_name(self, partner: str) -> str:
        """The delivery partner(s) by their real names."""
        if partner == "council":
            return self.council.name
        if partner == "health_board":
            return self.health_board.name
        if partner == "both":
            return f"{self.council.name} and {self.health_board.name}"
        return "No direction required"

    @property
    def function_names(self) -> dict[str, str]:
        return {function.id: function.name for function in self.functions}

    @property
    def locality_names(self) -> dict[str, str]:
        return {locality.id: locality.name for locality in self.localities}


# ----------------------------------------------------------------------------- directions


class BudgetLine(Node):
    description: Text
    amount: Money
    kind: Literal["payment", "set_aside"] = "payment"


class Budget(Node):
    total: Money
    lines: list[BudgetLine] = Field(default_factory=list)
    note: Markdown | None = None


class Milestone(Node):
    date: IsoDate
    description: Markdown


class Timescales(Node):
    start: IsoDate | None = None
    end: IsoDate | None = None
    milestones: list[Milestone] = Field(default_factory=list)


class Direction(Node):
    ref: Id
    title: Text | None = None  # defaults to the paper's title
    to: DirectionTo
    functions: list[Id] = Field(min_length=1)
    purpose: Markdown | None = None
    delivery: Markdown
    impacted: list[Impacted] = Field(default_factory=list)
    budget: Budget
    timescales: Timescales | None = None
    performance: list[Markdown] = Field(default_factory=list)
    national_outcomes: list[int] = Field(default_factory=list)
    supersedes: list[Id] = Field(default_factory=list)
    revokes: list[Id] = Field(default_factory=list)
    review_date: IsoDate | None = None
    issued: IsoDate | None = None


class LegacyDirection(Direction):
    title: Text  # no paper to take it from
    approved: IsoDate
    source: Markdown | None = None


class Update(Node):
    ref: Id
    date: IsoDate
    status: UpdateStatus
    note: Markdown | None = None


# ---------------------------------------------------------------------------------- papers


class Section(Node):
    heading: Text
    body: Markdown


class SelfEvaluationRating(Node):
    proposal: Annotated[str, BeforeValidator(_proposal_id)]
    rating: Rating
    evidence: Markdown | None = None
    actions: list[Markdown] = Field(default_factory=list)


class SelfEvaluation(Node):
    completed: IsoDate
    ratings: list[SelfEvaluationRating] = Field(min_length=1)


class Appendix(Node):
    title: Text
    file: Text | None = None
    self_evaluation: SelfEvaluation | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Appendix:
        if self.file and self.self_evaluation:
            raise PydanticCustomError(
                "appendix_kind",
                "an appendix is either a file or a self_evaluation, not both",
            )
        return self


class Links(Node):
    plan_priorities: list[Id] = Field(default_factory=list)
    national_outcomes: list[int] = Field(default_factory=list)


class Paper(Node):
    title: Text
    report_by: Person
    contact: Contact | None = None
    visibility: Visibility = "public"
    exempt_reason: Text | None = None
    purpose: Markdown
    recommendations: list[Markdown] = Field(min_length=1)
    decision: Decision = "pending"
    glossary: dict[str, Text] = Field(default_factory=dict)
    summary: Markdown
    sections: list[Section] = Field(default_factory=list)
    anticipated_outcomes: Markdown | None = None
    measuring_impact: Markdown | None = None
    implications: dict[str, Markdown | None]
    consultation: Markdown | None = None
    conclusion: Markdown | None = None
    direction_required: DirectionRequired
    direction: Direction | None = None
    escalation_required: DirectionRequired | None = None
    appendices: list[Appendix] = Field(default_factory=list)
    links: Links = Field(default_factory=Links)

    _meeting: Meeting | None = PrivateAttr(default=None)
    _stem: str = PrivateAttr(default="")

    @property
    def meeting(self) -> Meeting:
        assert self._meeting is not None
        return self._meeting

    @property
    def stem(self) -> str:
        return self._stem

    @property
    def is_public(self) -> bool:
        return self.visibility == "public"


# -------------------------------------------------------------------------------- meetings


class AgendaEntry(Node):
    item: Text | None = None
    paper: Id | None = None

    @model_validator(mode="after")
    def _one_of(self) -> AgendaEntry:
        if (self.item is None) == (self.paper is None):
            raise PydanticCustomError(
                "agenda_entry",
                "an agenda entry is either `item: <text>` or `paper: <paper file stem>`",
            )
        return self


class Meeting(Node):
    date: IsoDate
    time: TimeOfDay | None = None
    body: Text
    venue: Text | None = None
    status: Literal["scheduled", "held", "cancelled"] = "scheduled"
    agenda: list[AgendaEntry]

    _id: str = PrivateAttr(default="")
    _papers: list[Paper] = PrivateAttr(default_factory=list)

    @property
    def id(self) -> str:
        """The meeting folder's name, e.g. `2020-03-19`."""
        return self._id

    @property
    def papers(self) -> list[Paper]:
        """Valid papers in agenda order, then any not on the agenda."""
        return self._papers

    def item_number(self, paper: Paper) -> int | None:
        for number, entry in enumerate(self.agenda, start=1):
            if entry.paper == paper.stem:
                return number
        return None


# ------------------------------------------------------------------------------------ plan


class Period(Node):
    start: IsoDate
    end: IsoDate


class Chapter(Node):
    title: Text
    file: Text


class Measure(Node):
    indicator: Id
    target: Markdown | None = None


class Priority(Node):
    id: Id
    title: Text
    summary: Markdown | None = None
    national_outcomes: list[int] = Field(default_factory=list)
    actions: list[Markdown] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)


class LocalityProfile(Node):
    population: int | None = Field(default=None, ge=0)
    notes: Markdown | None = None


class PlanLocality(Node):
    id: Id
    arrangements: Markdown
    priorities: list[Id] = Field(default_factory=list)
    profile: LocalityProfile | None = None


class FinancialLine(Node):
    function: Id
    amount: Money


class FinancialStatement(Node):
    year: Text
    total: Money
    lines: list[FinancialLine] = Field(default_factory=list)


class EqualityImpactAssessment(Node):
    summary: Markdown
    link: Text | None = None


class Plan(Node):
    title: Text
    period: Period
    approved: IsoDate
    takes_effect: IsoDate | None = None
    review_by: IsoDate | None = None
    vision: Markdown | None = None
    chapters: list[Chapter] = Field(default_factory=list)
    priorities: list[Priority] = Field(default_factory=list)
    localities: list[PlanLocality] = Field(default_factory=list)
    financial_statement: FinancialStatement | None = None
    housing_contribution_statement: Markdown | None = None
    consultation_statement: Markdown | None = None
    equality_impact_assessment: EqualityImpactAssessment | None = None
    implementation_plan: Markdown | None = None

    @property
    def latest_review(self) -> dt.date:
        """The latest date the plan may be reviewed by (guidance: at least every 3 years)."""
        return add_years(self.approved, 3)

    @property
    def review_due(self) -> dt.date:
        return self.review_by or self.latest_review


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# ------------------------------------------------------------------------------- easy read


class EasyReadBlock(Node):
    picture: Text
    alt: Text
    text: Text

    @model_validator(mode="before")
    @classmethod
    def _picture_and_alt(cls, data: Any) -> Any:
        # Easy read is a picture beside each chunk of text; say so plainly, not just
        # "required key missing". A mistyped key is left to the usual "did you mean".
        if not isinstance(data, dict) or set(data) - set(cls.model_fields):
            return data
        if "picture" not in data:
            raise PydanticCustomError(
                "easy_read_picture",
                "this block has no picture; easy read puts a picture beside every block: "
                "add 'picture:' with a pictogram name (see `ijbdocs pictures`) or a file "
                "such as images/ferry.png",
            )
        if "alt" not in data:
            raise PydanticCustomError(
                "easy_read_alt",
                "this block's picture has no alt text; add 'alt:' saying in a few words "
                "what the picture shows, for people who cannot see it "
                "(e.g. alt: A doctor talking to a patient)",
            )
        return data


class EasyReadSection(Node):
    heading: Text
    blocks: list[EasyReadBlock] = Field(min_length=1)


class EasyReadPlan(Node):
    title: Text
    sections: list[EasyReadSection] = Field(min_length=1)
    words: dict[str, Text] = Field(default_factory=dict)


# ---------------------------------------------------------------------------- the content


class DirectionEntry:
    """A direction with what it came from: its paper and meeting, or the legacy file."""

    __slots__ = ("direction", "paper")

    def __init__(self, direction: Direction, paper: Paper | None):
        self.direction = direction
        self.paper = paper

    @property
    def ref(self) -> str:
        return self.direction.ref

    @property
    def title(self) -> str:
        if self.direction.title:
            return self.direction.title
        return self.paper.title if self.paper else self.direction.ref

    @property
    def is_legacy(self) -> bool:
        return self.paper is None

    @property
    def decision_date(self) -> dt.date:
        """The date the IJB made (or will make) the decision the direction flows from."""
        if isinstance(self.direction, LegacyDirection):
            return self.direction.approved
        assert self.paper is not None
        return self.paper.meeting.date

    @property
    def decision(self) -> Decision:
        if self.paper is None:
            return "approved"
        return self.paper.decision


class Content:
    """Everything under content/ that validated, in a stable order."""

    def __init__(
        self,
        partnership: Partnership | None,
        meetings: list[Meeting],
        plan: Plan | None,
        easy_read: EasyReadPlan | None,
        legacy: list[LegacyDirection],
        updates: list[Update],
    ):
        self.partnership = partnership
        self.meetings = sorted(meetings, key=lambda m: (m.date, m.id))
        self.plan = plan
        self.easy_read = easy_read
        self.legacy = legacy
        self.updates = updates

    def papers(self) -> Iterator[Paper]:
        for meeting in self.meetings:
            yield from meeting.papers

    def directions(self) -> list[DirectionEntry]:
        """Every direction, legacy first, then by meeting date and agenda order."""
        entries = [DirectionEntry(direction, None) for direction in self.legacy]
        for paper in self.papers():
            if paper.direction is not None:
                entries.append(DirectionEntry(paper.direction, paper))
        return entries
