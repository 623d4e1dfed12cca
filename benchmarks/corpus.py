"""Generate a synthetic, valid ijbdocs project for one partnership over N years, from a seed.

Sizes: S is 1 year, M 10 years (~1,000 papers), L 40 years (~4,000 papers); every year has
8 meetings of 12 papers, about a third of them carrying a direction. Directions are varied
(`supersedes`), revoked (by a later direction or an update), completed and given delivery
issues; some papers are private or drafts; a scheduled meeting after the as-of date holds
pending and draft papers. The corpus is written so that `ijbdocs check --as-of <as_of>`
reports no errors and no warnings; the as-of date is in `corpus.json` beside `content/`.

    python benchmarks/corpus.py --size M --seed 1 --out /tmp/corpus-m

The same size and seed always give byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SIZES = {"S": 1, "M": 10, "L": 40}
END_YEAR = 2025  # the last year of meetings; sizes reach back from it
MEETING_MONTHS = (2, 3, 5, 6, 8, 9, 11, 12)
PAPERS_PER_MEETING = 12
FIRST_PAPER_NUMBER = 5  # items 1 to 4 are apologies, declarations, minutes, report
REF_PREFIX = "BIJB"
ISSUE_AFTER_DAYS = 6  # within the 14 days the guidance allows
AS_OF_AFTER_LAST_MEETING = 14
REVIEW_AFTER_YEARS = 3
PROTECTED_YEARS = 2  # directions younger than this are not revoked (keeps every function
# with a direction in force at the as-of date)

LOCALITIES = [
    ("north-glen", "North Glen"),
    ("riverside", "Riverside"),
    ("coast", "Coast"),
    ("uplands", "Uplands"),
    ("town-centre", "Town Centre"),
    ("islands", "The Islands"),
]
FUNCTIONS = [
    ("adult-social-care", "Social work and social care for adults", "council"),
    ("older-people-care", "Care at home and care homes for older people", "council"),
    ("learning-disability", "Learning disability services", "council"),
    ("children-and-families", "Children, families and justice social work", "council"),
    ("mental-health", "Mental health and addiction services", "health_board"),
    ("community-health", "Community health services", "health_board"),
    ("primary-care", "Primary medical services", "health_board"),
    ("unscheduled-care", "Unscheduled acute hospital care (set aside)", "health_board"),
]
IMPLICATIONS = [
    "financial", "human_resources", "legal", "equality", "children_and_young_people",
    "environmental_and_sustainability", "key_priorities", "risk", "community_benefits",
]
TOPICS = [
    "Care at Home", "Day Opportunities", "Reablement", "Carers Support", "Community Alarms",
    "Primary Care Improvement", "Mental Health Recovery", "Alcohol and Drug Partnership",
    "Intermediate Care", "Respite Services", "Learning Disability Housing",
    "Family Support", "Community Treatment Rooms", "Falls Prevention", "Digital Care",
    "Workforce Planning", "Hospital Discharge", "Palliative Care", "Self-directed Support",
    "Locality Planning",
]
KINDS = ["Update", "Strategy", "Commissioning Plan", "Review", "Redesign", "Investment",
         "Performance Report", "Contract Award"]
PEOPLE = ["Alex Morgan", "Jamie Reid", "Morven Fraser", "Callum Baird", "Iona Shaw",
          "Euan Stewart", "Kirsty Boyd", "Niall Murray"]
EXEMPT = "Paragraph 6, Part 1, Schedule 7A of the Local Government (Scotland) Act 1973"
IMPACTED = ["patients", "people_who_use_services", "carers", "local_communities", "staff",
            "others"]
CHAPTERS = ["Introduction", "Our population", "What people told us", "How we will deliver",
            "Our money and resources"]


# ------------------------------------------------------------------------------ writing


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Safe YAML with Markdown prose as literal blocks, as a clerk would write it."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=96)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# ------------------------------------------------------------------------------ the corpus


def third_thursday(year: int, month: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 14)


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass
class Open:
    """A direction in force while generating: later meetings may vary or revoke it."""

    ref: str
    to: str
    functions: list[str]
    decided: dt.date
    issued: dt.date
    review: dt.date
    end: dt.date
    last_update: dt.date | None = None  # nothing may end it before its last update


@dataclass
class Corpus:
    size: str
    seed: int
    rng: random.Random
    years: int
    files: dict[str, str] = field(default_factory=dict)
    open: list[Open] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    ref_counter: dict[int, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    def next_ref(self, year: int) -> str:
        self.ref_counter[year] = self.ref_counter.get(year, 0) + 1
        return f"{REF_PREFIX}-{year}-{self.ref_counter[year]:03d}"


def generate(size: str, seed: int) -> tuple[dict[str, str], dict[str, Any]]:
    """Every file of the project (path relative to the project root → text) and metadata."""
    years = SIZES[size]
    corpus = Corpus(size, seed, random.Random(f"{size}:{seed}"), years)
    first_year = END_YEAR - years + 1
    dates = [third_thursday(y, m) for y in range(first_year, END_YEAR + 1)
             for m in MEETING_MONTHS]
    as_of = dates[-1] + dt.timedelta(days=AS_OF_AFTER_LAST_MEETING)
    corpus.files["content/partnership.yaml"] = dump(partnership())
    legacy(corpus, dates[0])
    for number, day in enumerate(dates):
        meeting(corpus, day, number, as_of, held=True)
    # the next meeting, after the as-of date: its papers are pending, some still drafts
    meeting(corpus, third_thursday(END_YEAR + 1, MEETING_MONTHS[0]), len(dates), as_of,
            held=False)
    close_old(corpus, as_of)
    corpus.files["content/directions/updates.yaml"] = dump(
        sorted(corpus.updates, key=lambda u: (u["date"], u["ref"]))
    )
    plan(corpus, as_of)
    corpus.files["content/easy-read/plan.yaml"] = dump(easy_read())
    meta = {"size": size, "seed": seed, "years": years, "as_of": as_of.isoformat(),
            "first_meeting": dates[0].isoformat(), **dict(sorted(corpus.counts.items()))}
    corpus.files["corpus.json"] = json.dumps(meta, indent=2) + "\n"
    return corpus.files, meta


def partnership() -> dict[str, Any]:
    return {
        "name": "Lowland Valleys Integration Joint Board",
        "short_name": "Lowland Valleys IJB",
        "partnership_name": "Lowland Valleys Health and Social Care Partnership",
        "site_url": "https://ijb.example.org/",
        "language": "en-GB",
        "council": {"name": "Lowland Valleys Council",
                    "chief_executive": "Chief Executive, Lowland Valleys Council"},
        "health_board": {"name": "NHS Lowland Valleys",
                         "chief_executive": "Chief Executive, NHS Lowland Valleys"},
        "chief_officer": {"name": "Morag Kerr", "title": "Director (Chief Officer)"},
        "direction_ref_pattern": rf"^{REF_PREFIX}-\d{{4}}-\d{{3}}$",
        "localities": [{"id": i, "name": n} for i, n in LOCALITIES],
        "functions": [{"id": i, "name": n, "delegated_by": b} for i, n, b in FUNCTIONS],
    }


def to_for(functions: list[str]) -> str:
    partners = {b for i, _, b in FUNCTIONS if i in functions}
    return "both" if len(partners) == 2 else partners.pop()


def budget(rng: random.Random) -> dict[str, Any]:
    lines = [
        {"description": what, "amount": rng.randrange(20, 900) * 1000, "kind": kind}
        for what, kind in rng.sample(
            [("Staffing", "payment"), ("Commissioned services", "payment"),
             ("Equipment and adaptations", "payment"), ("Transport", "payment"),
             ("Hospital beds (set aside)", "set_aside"), ("Training", "payment")],
            rng.randint(1, 3))
    ]
    return {"total": sum(line["amount"] for line in lines), "lines": lines,
            "note": "Met from the partnership's approved budget for the year."}


def direction(corpus: Corpus, title: str, day: dt.date, functions: list[str],
              issued: dt.date | None) -> dict[str, Any]:
    rng = corpus.rng
    start = day + dt.timedelta(days=rng.randint(10, 40))
    end = add_years(start, rng.randint(1, 2))
    middle = start + (end - start) / 2
    value: dict[str, Any] = {
        "ref": corpus.next_ref(day.year),
        "title": title,
        "to": to_for(functions),
        "functions": functions,
        "purpose": f"The IJB decision of {day:%-d %B %Y} on {title.lower()}.",
        "delivery": (
            f"The delivery partner is directed to deliver {title.lower()} as set out in "
            "the report, across every locality:\n\n"
            "- keep the current service running until the new one starts;\n"
            "- involve people who use the service and their carers in the design;\n"
            "- report progress to the Performance and Audit Committee.\n"
        ),
        "impacted": sorted(rng.sample(IMPACTED, rng.randint(1, 3)), key=IMPACTED.index),
        "budget": budget(rng),
        "timescales": {
            "start": start, "end": end,
            "milestones": [
                {"date": middle, "description": "Mid-point review of delivery."},
                {"date": end, "description": "Service fully in place."},
            ],
        },
        "performance": [
            "Quarterly report of people supported and waiting times.",
            "Feedback from people who use the service (core-2).",
        ],
        "national_outcomes": sorted(rng.sample(range(1, 10), rng.randint(1, 3))),
        "review_date": add_years(day, REVIEW_AFTER_YEARS),
    }
    if issued is not None:
        value["issued"] = issued
    return value


def legacy(corpus: Corpus, first_meeting: dt.date) -> None:
    """Directions made before ijbdocs was adopted: one per function, varied later."""
    entries = []
    approved = first_meeting - dt.timedelta(days=60)
    for function, name, _ in FUNCTIONS:
        title = f"{name} (annual budget direction)"
        value = direction(corpus, title, approved, [function], approved + dt.timedelta(days=7))
        value.pop("purpose")
        entries.append({**value, "approved": approved,
                        "source": "Imported from the directions spreadsheet kept before ijbdocs."})
        corpus.open.append(Open(value["ref"], value["to"], [function], approved,
                                value["issued"], value["review_date"],
                                value["timescales"]["end"]))
        corpus.count("directions")
        corpus.count("legacy directions")
    corpus.files["content/directions/legacy.yaml"] = dump(entries)


def body(rng: random.Random, topic: str) -> list[dict[str, str]]:
    people = rng.randint(120, 2400)
    rows = "\n".join(
        f"| {name} | {rng.randint(10, 400)} | {rng.randint(1, 30)} weeks |"
        for _, name in rng.sample(LOCALITIES, 4)
    )
    return [
        {"heading": "Background", "body": (
            f"{topic} services support around {people:,} people across the partnership. "
            "The current arrangements were put in place after the last strategic plan and "
            "have been reviewed with people who use them, carers and staff.\n\n"
            "The review found that:\n\n"
            "1. demand has grown faster than the budget;\n"
            "2. waiting times vary between localities;\n"
            "3. people want **one point of contact** and support closer to home.\n")},
        {"heading": "Current position", "body": (
            "| Locality | People supported | Waiting time |\n"
            "|---|---|---|\n" + rows + "\n\n"
            "Waiting times are longest where recruitment is hardest; see the workforce "
            "plan for the actions being taken.\n")},
        {"heading": "Proposals", "body": (
            f"It is proposed to redesign {topic.lower()} around the localities:\n\n"
            "- a single team in each locality, with one phone number;\n"
            "- a short assessment within *two weeks* of referral;\n"
            "- joint working with third sector partners and community groups;\n"
            "- regular reports to the Performance and Audit Committee.\n\n"
            "The proposals were developed with the Strategic Planning Group.\n")},
    ]


def paper(corpus: Corpus, day: dt.date, number: int, held: bool, as_of: dt.date,
          protected_from: dt.date) -> tuple[str, dict[str, Any]]:
    rng = corpus.rng
    topic = rng.choice(TOPICS)
    title = f"{topic} {rng.choice(KINDS)} {day.year}"
    slug = "-".join("".join(c if c.isalnum() else " " for c in title.lower()).split())
    stem = f"{FIRST_PAPER_NUMBER + number:02d}-{slug}"
    roll = rng.random()
    visibility = "public"
    if not held and number % 3 == 0:
        visibility = "draft"  # papers still being written for the next meeting
    elif roll < 0.08:
        visibility = "private"
    with_direction = rng.random() < 1 / 3
    decision = "pending"
    if held:
        pick = rng.random()
        if with_direction:
            decision = ("not_approved" if pick < 0.04 else "deferred" if pick < 0.08
                        else "approved_with_amendments" if pick < 0.2 else "approved")
        else:
            decision = "noted" if pick < 0.5 else "approved"
    author = rng.choice(PEOPLE)
    value: dict[str, Any] = {
        "title": title,
        "report_by": {"name": "Morag Kerr", "title": "Director (Chief Officer)"},
        "contact": {"name": author,
                    "email": f"{author.lower().replace(' ', '.')}@example.org",
                    "phone": f"01234 {rng.randint(100000, 999999)}"},
        "visibility": visibility,
    }
    if visibility == "private":
        value["exempt_reason"] = EXEMPT
    value.update({
        "purpose": f"To ask the IJB to consider the {title.lower()} and agree the next steps.",
        "recommendations": [
            f"The IJB notes the {title.lower()}.",
            "The IJB approves the proposals in section 3 of this report.",
        ],
        "decision": decision,
        "glossary": {"IJB": "Integration Joint Board",
                     "HSCP": "Health and Social Care Partnership"},
        "summary": (
            f"This report sets out the {title.lower()}. It describes the current position "
            "in each locality, the proposals for the coming year and what they will cost.\n"),
        "sections": body(rng, topic),
        "anticipated_outcomes": "People wait less and get support closer to home.",
        "measuring_impact": "Quarterly performance reports to the Performance and Audit "
                            "Committee.",
        "implications": {
            name: ("None." if rng.random() < 0.6 else
                   f"The {name.replace('_', ' ')} implications are set out in section 3.")
            for name in IMPLICATIONS
        },
        "consultation": "People who use services, carers and staff were consulted.",
        "conclusion": "The IJB is asked to agree the recommendations.",
    })
    if with_direction:
        variation = None
        if held and rng.random() < 0.25:
            candidates = [o for o in corpus.open if o.decided < day]
            if candidates:
                variation = rng.choice(candidates)
        functions = (variation.functions if variation else
                     sorted(rng.sample([f for f, _, _ in FUNCTIONS], rng.randint(1, 2)),
                            key=[f for f, _, _ in FUNCTIONS].index))
        approved = decision in ("approved", "approved_with_amendments")
        issued = day + dt.timedelta(days=ISSUE_AFTER_DAYS) if held and approved else None
        d = direction(corpus, title, day, functions, issued)
        if variation is not None:
            d["supersedes"] = [variation.ref]
            corpus.count("variations")
        if held and approved and rng.random() < 0.05:
            targets = [o for o in corpus.open if o.decided < min(protected_from, day)
                       and o is not variation]
            if targets:
                target = rng.choice(targets)
                d["revokes"] = [target.ref]
                corpus.open.remove(target)
                corpus.count("revocations")
        if variation is not None and approved:
            corpus.open.remove(variation)
        elif variation is not None:
            d.pop("supersedes")  # not approved: nothing is varied
            corpus.count("variations", -1)
        value["direction_required"] = d["to"]
        value["direction"] = d
        corpus.count("directions")
        if issued is not None:
            corpus.open.append(Open(d["ref"], d["to"], functions, day, issued,
                                    d["review_date"], d["timescales"]["end"]))
            delivery_issue(corpus, corpus.open[-1], as_of)
    else:
        value["direction_required"] = "none"
    value["links"] = {"plan_priorities": sorted(rng.sample(["P1", "P2", "P3", "P4", "P5"], 2)),
                      "national_outcomes": sorted(rng.sample(range(1, 10), 2))}
    if rng.random() < 0.1:
        appendix = f"appendices/{stem}-appendix-1.md"
        value["appendices"] = [{"title": f"{topic}: data by locality", "file": appendix}]
        corpus.files[f"content/meetings/{day.isoformat()}/{appendix}"] = (
            f"# {topic}: data by locality\n\n| Locality | People |\n|---|---|\n"
            + "".join(f"| {name} | {rng.randint(10, 500)} |\n" for _, name in LOCALITIES)
        )
    corpus.count("papers")
    corpus.count(f"{visibility} papers")
    return stem, value


def delivery_issue(corpus: Corpus, direction: Open, as_of: dt.date) -> None:
    """Now and then a delivery issue is reported part-way through a direction."""
    if corpus.rng.random() < 0.15:
        day = direction.issued + dt.timedelta(days=corpus.rng.randint(60, 200))
        if day < as_of:
            corpus.updates.append({
                "ref": direction.ref, "date": day, "status": "delivery_issue",
                "note": "Recruitment delays in two localities; a recovery plan is in place.",
            })
            direction.last_update = day
            corpus.count("delivery issues")


def meeting(corpus: Corpus, day: dt.date, number: int, as_of: dt.date, held: bool) -> None:
    rng = corpus.rng
    protected_from = add_years(as_of, -PROTECTED_YEARS)
    # a direction revoked by an update now and then, rather than by a later direction
    if held and rng.random() < 0.3:
        targets = [o for o in corpus.open if o.decided < protected_from and o.issued < day
                   and (o.last_update is None or o.last_update < day)]
        if targets:
            target = rng.choice(targets)
            corpus.open.remove(target)
            corpus.updates.append({
                "ref": target.ref, "date": day, "status": "revoked",
                "note": f"The IJB agreed on {day:%-d %B %Y} to revoke this direction.",
            })
            corpus.count("revoked by update")
    folder = f"content/meetings/{day.isoformat()}"
    stems = []
    for n in range(PAPERS_PER_MEETING):
        stem, value = paper(corpus, day, n, held, as_of, protected_from)
        stems.append(stem)
        corpus.files[f"{folder}/{stem}.yaml"] = dump(value)
    agenda: list[dict[str, str]] = [
        {"item": "Apologies"}, {"item": "Declarations of Interest"},
        {"item": "Minutes of the previous meeting"}, {"item": "Chief Officer's Report"},
    ]
    agenda += [{"paper": stem} for stem in stems]
    agenda.append({"item": "Date of Next Meeting"})
    corpus.files[f"{folder}/meeting.yaml"] = dump({
        "date": day, "time": "10:00", "body": "Integration Joint Board",
        "venue": "Council Chambers, Valley Road" if number % 2 else "Microsoft Teams",
        "status": "held" if held else "scheduled", "agenda": agenda,
    })
    corpus.count("meetings")


def close_old(corpus: Corpus, as_of: dt.date) -> None:
    """Directions past their review date are completed, as a well-run log would show."""
    for direction in list(corpus.open):
        if direction.review < as_of:
            day = min(direction.end, direction.review - dt.timedelta(days=1))
            day = max(day, direction.issued + dt.timedelta(days=1))
            corpus.updates.append({"ref": direction.ref, "date": day, "status": "completed",
                                   "note": "All milestones met; delivered as directed."})
            corpus.open.remove(direction)
            corpus.count("completed")


def plan(corpus: Corpus, as_of: dt.date) -> None:
    approved = third_thursday(END_YEAR, 3)
    outcomes = [[1, 2], [4, 5], [2, 3, 6], [3, 4, 7], [8, 9]]
    titles = ["Prevention and early intervention", "Tackling inequalities",
              "Supporting carers and communities", "Improving health and wellbeing",
              "Using our resources well"]
    lines = [{"function": f, "amount": (n + 3) * 5_250_000} for n, (f, _, _) in
             enumerate(FUNCTIONS)]
    value = {
        "title": f"Caring Together – Strategic Plan {END_YEAR}–{END_YEAR + 5}",
        "period": {"start": dt.date(END_YEAR, 4, 1), "end": dt.date(END_YEAR + 5, 3, 31)},
        "approved": approved,
        "takes_effect": dt.date(END_YEAR, 4, 1),
        "review_by": add_years(approved, 3),
        "vision": "**Everyone in the Lowland Valleys lives a safe, healthy and active life.**\n",
        "chapters": [{"title": t, "file": f"{n:02d}-{t.lower().replace(' ', '-')}.md"}
                     for n, t in enumerate(CHAPTERS, start=1)],
        "priorities": [
            {"id": f"P{n}", "title": t,
             "summary": f"We will work with partners on {t.lower()}.",
             "national_outcomes": o,
             "actions": ["Agree a delivery plan with each locality.",
                         "Report progress every quarter."],
             "measures": [{"indicator": f"core-{n * 2}", "target": "Improve year on year."}]}
            for n, (t, o) in enumerate(zip(titles, outcomes, strict=True), start=1)
        ],
        "localities": [
            {"id": i, "arrangements": (
                f"{name} has its own locality planning forum, which sets local priorities:\n\n"
                "- a single health and care team;\n- support for carers close to home.\n"),
             "priorities": ["P1", "P3"],
             "profile": {"population": 10000 + 1000 * n, "notes": f"The {name} locality."}}
            for n, (i, name) in enumerate(LOCALITIES)
        ],
        "financial_statement": {"year": f"{END_YEAR}-{(END_YEAR + 1) % 100:02d}",
                                "total": sum(line["amount"] for line in lines),
                                "lines": lines},
        "housing_contribution_statement": "The Council's Local Housing Strategy supports the "
                                          "plan with adapted homes in every locality.\n",
        "consultation_statement": (
            "The plan was developed with the Strategic Planning Group:\n\n"
            "| Method | Responses |\n|---|---|\n| Survey | 1,204 |\n| Locality events | 188 |\n"),
        "equality_impact_assessment": {
            "summary": "The plan is likely to have a positive impact on older and disabled "
                       "people and carers.", "link": None},
        "implementation_plan": "An annual delivery plan sets out actions, leads and dates.\n",
    }
    corpus.files["content/plan/plan.yaml"] = dump(value)
    for chapter in value["chapters"]:
        corpus.files[f"content/plan/{chapter['file']}"] = (
            f"## {chapter['title']}\n\n"
            "This chapter explains the plan in more detail.\n\n"
            "- what we heard;\n- what we will do;\n- how we will know it worked.\n"
        )


def easy_read() -> dict[str, Any]:
    blocks = [
        ("About this plan", [
            ("plan", "A plan on paper with a tick",
             "This plan says how we will help people stay well.\nIt covers the years 2025 "
             "to 2030.\n"),
            ("people", "A group of people standing together",
             "We wrote this plan with people who use our services.\nCarers helped us write "
             "it too.\n"),
        ]),
        ("What we want", [
            ("heart", "A red heart",
             "We want everyone to have a safe life.\nWe want people to be healthy.\n"),
            ("home", "A house with a front door",
             "We want to help you get support close to home.\nSupport should come at the "
             "right time.\n"),
        ]),
        ("Keeping track", [
            ("check", "A tick in a box",
             "We check how we spend the money.\nWe tell the public what we spent.\n"),
            ("question", "A question mark",
             "Do you have a question about this plan?\nYou can phone us on 01234 567890.\n"),
        ]),
    ]
    return {
        "title": "Our plan for health and care 2025 to 2030",
        "sections": [{"heading": h, "blocks": [{"picture": p, "alt": a, "text": t}
                                               for p, a, t in b]} for h, b in blocks],
        "words": {
            "carer": "A person who looks after someone without being paid.",
            "plan": "A document that says what we will do. It also says when.",
            "support": "Help to do the things you want or need to do.",
        },
    }


def write_corpus(size: str, seed: int, out: Path) -> dict[str, Any]:
    """Write the corpus as a project folder at `out` (replacing its content/)."""
    files, meta = generate(size, seed)
    shutil.rmtree(out / "content", ignore_errors=True)
    for rel, text in files.items():
        write(out / rel, text)
    return meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="S")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="the project folder to write")
    args = parser.parse_args(argv)
    meta = write_corpus(args.size, args.seed, args.out)
    print(json.dumps(meta, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
