"""The clerk's commands, driven as a clerk would: init, new, decide, issue, then build."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from factories import AS_OF, Project, direction, paper, run

from ijbdocs.content import read_content
from ijbdocs.log import directions_log
from ijbdocs.scaffold import next_ref, ref_template, slug
from ijbdocs.yamledit import YamlFile

TODAY = dt.date.today().isoformat()


def content_of(root: Path, rel: str) -> str:
    return (root / "content" / rel).read_text(encoding="utf-8")


def check_ok(root: Path, *extra: str) -> None:
    result = run(root, "check", *extra)
    assert result.code == 0, result.out + result.err
    assert " error:" not in result.out


# ---------------------------------------------------------------------------- init


@pytest.mark.slow
def test_init_then_build_from_an_empty_folder(tmp_path: Path) -> None:
    target = tmp_path / "new-ijb"
    result = run(tmp_path, "init", str(target), "--name", "Testshire Integration Joint Board")
    assert result.code == 0, result.err
    assert (target / "content" / "partnership.yaml").is_file()
    partnership = yaml.safe_load(content_of(target, "partnership.yaml"))
    assert partnership["name"] == "Testshire Integration Joint Board"
    assert partnership["short_name"] == "Testshire IJB"
    assert partnership["direction_ref_pattern"] == r"^TIJB-\d{4}-\d{3}$"
    assert len(partnership["localities"]) == 2
    assert "# The board's full legal name" in content_of(target, "partnership.yaml")
    meeting = target / "content" / "meetings" / TODAY
    assert (meeting / "meeting.yaml").is_file() and len(list(meeting.glob("0*.yaml"))) == 1
    assert (target / "content" / "easy-read" / "plan.yaml").is_file()
    built = run(target, "build")
    assert built.code == 0, built.out + built.err
    assert " error: " not in built.out and "0 errors" in built.out
    assert (target / "site" / "index.html").is_file()
    assert "Testshire Integration Joint Board" in (target / "site" / "index.html").read_text()
    assert "Website:" in built.out and "1 paper" in built.out


def test_init_never_overwrites(tmp_path: Path) -> None:
    Project().write(tmp_path)
    before = content_of(tmp_path, "partnership.yaml")
    result = run(tmp_path, "init", str(tmp_path))
    assert result.code == 2
    assert "already exists" in result.err and "never overwrites" in result.err
    assert content_of(tmp_path, "partnership.yaml") == before


# -------------------------------------------------------------------- new meeting/paper


def test_new_meeting_and_papers_build_into_a_valid_agenda(tmp_path: Path) -> None:
    Project().write(tmp_path)
    assert run(tmp_path, "new", "meeting", "2024-05-16", "--body",
               "Performance and Audit Committee").code == 0
    meeting = tmp_path / "content" / "meetings" / "2024-05-16"
    text = (meeting / "meeting.yaml").read_text()
    assert "body: Performance and Audit Committee" in text and 'time: "10:00"' in text
    first = run(tmp_path, "new", "paper", "2024-05-16", "Care at home: reablement first")
    assert first.code == 0, first.err
    second = run(tmp_path, "new", "paper", "2024-05-16", "Day services", "--direction",
                 "council")
    assert second.code == 0, second.err
    assert (meeting / "01-care-at-home-reablement-first.yaml").is_file()
    paper_text = (meeting / "02-day-services.yaml").read_text()
    # every required key present, each with a comment saying what to write
    data = yaml.safe_load(paper_text)
    for key in ("title", "report_by", "purpose", "recommendations", "summary",
                "implications", "direction_required", "direction"):
        assert key in data
        line = next(n for n, t in enumerate(paper_text.splitlines()) if t.startswith(f"{key}:"))
        assert paper_text.splitlines()[line - 1].lstrip().startswith("#"), key
    assert data["direction"]["ref"] == "TIJB-2024-001" and data["direction"]["to"] == "council"
    assert len(data["implications"]) == 9  # every implication of the house style
    agenda = yaml.safe_load((meeting / "meeting.yaml").read_text())["agenda"]
    papers = [e["paper"] for e in agenda if "paper" in e]
    assert papers == ["01-care-at-home-reablement-first", "02-day-services"]
    assert agenda[-1] == {"item": "Date of Next Meeting"}  # new papers go before closing items
    assert "# The agenda, in order" in (meeting / "meeting.yaml").read_text()  # comments kept
    check_ok(tmp_path, "--as-of", "2024-05-01")


def test_next_direction_reference_follows_the_pattern_and_skips_used_ones(
    tmp_path: Path,
) -> None:
    project = Project()
    project.add_paper("2024-03-21", "05-care", paper(
        "Care", "council", direction=direction("TIJB-2024-001")))
    project.add_paper("2024-03-21", "06-more", paper(
        "More", "council", direction=direction("TIJB-2024-007")))
    project.write(tmp_path)
    result = run(tmp_path, "new", "paper", "2024-03-21", "Third", "--direction", "both")
    assert result.code == 0, result.err
    assert "TIJB-2024-008" in result.out
    written = yaml.safe_load(content_of(tmp_path, "meetings/2024-03-21/07-third.yaml"))
    assert written["direction"]["ref"] == "TIJB-2024-008"
    assert written["direction"]["to"] == "both"


def test_reference_rules() -> None:
    assert ref_template(r"^NAIJB-\d{4}-\d{3}$", "x") == ("NAIJB-{year}-", 3)
    assert next_ref(r"^NAIJB-\d{4}-\d{3}$", "x", 2024, {"NAIJB-2024-009", "NAIJB-2023-011"}
                    ) == "NAIJB-2024-010"
    assert next_ref(None, "Testshire IJB", 2025, set()) == "TIJB-2025-001"
    assert next_ref(r"^D[0-9]{2}$", "x", 2025, {"D04"}) == "D05"
    assert slug("Day Services – Review 2024/25!") == "day-services-review-2024-25"


def test_new_paper_names_an_unknown_meeting_with_a_suggestion(tmp_path: Path) -> None:
    project = Project()
    project.add_paper("2024-03-21", "05-care", paper())
    project.write(tmp_path)
    result = run(tmp_path, "new", "paper", "2024-03-12", "Title")
    assert result.code == 1
    assert "no meeting '2024-03-12'" in result.err and "did you mean '2024-03-21'" in result.err


# ------------------------------------------------------------------- decide and issue


def clerk_project(tmp_path: Path) -> Path:
    project = Project()
    project.add_paper("2024-03-21", "05-care", paper(
        "Care", "council", direction=direction("TIJB-2024-001")))
    project.write(tmp_path)
    path = tmp_path / "content" / "meetings" / "2024-03-21" / "05-care.yaml"
    # a clerk's comments and layout, which the commands must keep
    text = path.read_text().replace("title: Care", "# our reference: CM/24/5\ntitle: Care")
    path.write_text(text.replace("direction_required: council",
                                 "direction_required: council   # decided at agenda setting"))
    return path


def test_decide_and_issue_keep_comments_and_build_into_the_log(tmp_path: Path) -> None:
    path = clerk_project(tmp_path)
    before = path.read_text().splitlines()
    refused = run(tmp_path, "issue", "TIJB-2024-001", "--date", "2024-03-25")
    assert refused.code == 1 and "decide 2024-03-21/05-care approved" in refused.err
    decided = run(tmp_path, "decide", "2024-03-21/05-care", "approved")
    assert decided.code == 0, decided.err
    issued = run(tmp_path, "issue", "TIJB-2024-001", "--date", "2024-03-25")
    assert issued.code == 0, issued.err
    after = path.read_text().splitlines()
    # only the two lines changed: every comment and every other line kept as written
    added = [line for line in after if line not in before]
    assert added == ["decision: approved", "  issued: 2024-03-25"]
    assert [line for line in before if line not in after] == []
    assert "# our reference: CM/24/5" in after
    assert "direction_required: council   # decided at agenda setting" in after
    again = run(tmp_path, "issue", "TIJB-2024-001")
    assert again.code == 1 and "already issued on 2024-03-25" in again.err
    contradiction = run(tmp_path, "decide", str(path), "deferred")
    assert contradiction.code == 1 and "was issued on 2024-03-25" in contradiction.err
    read = read_content(tmp_path / "content")
    row = directions_log(read.content, AS_OF).by_ref()["TIJB-2024-001"]
    assert row.status == "issued" and row.issued == dt.date(2024, 3, 25)
    check_ok(tmp_path, "--as-of", AS_OF.isoformat())


def test_decide_replaces_an_existing_decision_in_place(tmp_path: Path) -> None:
    project = Project()
    project.add_paper("2024-03-21", "05-care", paper(decision="deferred"))
    project.write(tmp_path)
    path = tmp_path / "content" / "meetings" / "2024-03-21" / "05-care.yaml"
    path.write_text(path.read_text().replace("decision: deferred", "decision: deferred  # again"))
    result = run(tmp_path, "decide", "content/meetings/2024-03-21/05-care.yaml", "noted")
    assert result.code == 0, result.err
    assert "decision: noted  # again" in path.read_text()
    assert "was 'deferred'" in result.out


def test_issue_unknown_reference_suggests_the_nearest(tmp_path: Path) -> None:
    clerk_project(tmp_path)
    result = run(tmp_path, "issue", "TIJB-2024-01")
    assert result.code == 1 and "did you mean 'TIJB-2024-001'?" in result.err


def test_issue_a_legacy_direction_edits_its_list_entry(tmp_path: Path) -> None:
    project = Project()
    project.legacy = [dict(project.legacy[0], ref="TIJB-2022-002")]  # type: ignore[index]
    del project.legacy[0]["issued"]
    project.write(tmp_path)
    result = run(tmp_path, "issue", "TIJB-2022-002", "--date", "2022-03-20")
    assert result.code == 0, result.err
    legacy = yaml.safe_load(content_of(tmp_path, "directions/legacy.yaml"))
    assert legacy[0]["issued"] == dt.date(2022, 3, 20)


# ----------------------------------------------------------------------- new update


def test_new_update_appends_to_the_log_and_refuses_contradictions(tmp_path: Path) -> None:
    Project().write(tmp_path)
    updates = tmp_path / "content" / "directions" / "updates.yaml"
    assert not updates.exists()
    first = run(tmp_path, "new", "update", "TIJB-2022-001", "in_progress", "--date",
                "2023-01-10", "--note", "Started: two teams")
    assert first.code == 0, first.err
    assert updates.read_text().startswith("# Status updates")
    updates.write_text(updates.read_text() + "# keep this comment\n")
    second = run(tmp_path, "new", "update", "TIJB-2022-001", "completed", "--date",
                 "2024-01-10")
    assert second.code == 0, second.err
    data = yaml.safe_load(updates.read_text())
    assert [u["status"] for u in data] == ["in_progress", "completed"]
    assert data[0]["note"] == "Started: two teams"
    assert "# keep this comment" in updates.read_text()
    late = run(tmp_path, "new", "update", "TIJB-2022-001", "in_progress", "--date",
               "2024-02-01")
    assert late.code == 1 and "already completed on 2024-01-10" in late.err
    early = run(tmp_path, "new", "update", "TIJB-2022-001", "delivery_issue", "--date",
                "2021-01-01")
    assert early.code == 1 and "before TIJB-2022-001 was issued" in early.err
    read = read_content(tmp_path / "content")
    assert directions_log(read.content, AS_OF).by_ref()["TIJB-2022-001"].status == "completed"
    check_ok(tmp_path, "--as-of", AS_OF.isoformat())


def test_yamlfile_falls_back_to_round_trip_for_flow_mappings(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("# top comment\ndirection: {ref: X-1, to: council}  # inline\nz: 1\n")
    file = YamlFile(path)
    file.set(("direction", "issued"), dt.date(2024, 1, 2))
    file.save()
    text = path.read_text()
    assert "# top comment" in text
    assert yaml.safe_load(text)["direction"]["issued"] == dt.date(2024, 1, 2)
