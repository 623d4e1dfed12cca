"""Plain-language and picture checks on the easy-read plan: each rule fails with its message."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import AS_OF, Project, easy_read, line_of, run

from ijbdocs.checks.easyread import stem
from ijbdocs.pictograms import catalogue
from ijbdocs.readability import measure, sentences

FILE = "easy-read/plan.yaml"

# The names the sample content and the issue ask for; the bundled set must have them all.
REQUIRED_PICTURES = (
    "doctor", "nurse", "carer", "home", "hospital", "money", "meeting", "plan", "phone",
    "calendar", "island", "ferry", "wheelchair", "medicine", "family", "talk", "listen",
    "question", "help", "computer", "letter", "bus", "car", "house-key", "heart", "happy",
    "sad", "team", "child", "older-person", "food", "exercise", "sleep", "pharmacy", "dentist",
    "ambulance", "safe", "community", "map", "people", "check", "write", "idea", "time",
)


def plan_yaml(text: str, picture: str = "plan", heading: str = "About this plan",
              words: str = "") -> str:
    """An easy-read plan.yaml with one block whose text is a literal block (`|`)."""
    body = "".join(f"          {line}\n" for line in text.strip().split("\n"))
    return (
        "title: Our plan\n"
        "sections:\n"
        f"  - heading: {heading}\n"
        "    blocks:\n"
        f"      - picture: {picture}\n"
        "        alt: A picture\n"
        "        text: |\n"
        f"{body}"
        f"words:\n  carer: A person who looks after someone.\n{words}"
    )


def check(tmp_path: Path, source: str, *args: str, files: dict[str, bytes] | None = None):
    project = Project(easy_read=None)
    project.files[f"{FILE}"] = source
    project.files.update(files or {})
    project.write(tmp_path)
    return run(tmp_path, "check", "--as-of", AS_OF.isoformat(), *args)


def only(result, code_words: str) -> str:
    """The one finding whose line contains `code_words`."""
    found = [f for f in result.findings if code_words in f]
    assert len(found) == 1, result.out
    return found[0]


def test_the_factory_plan_passes(tmp_path: Path) -> None:
    result = check(tmp_path, plan_yaml("This plan says how we help."), "--strict")
    assert result.code == 0, result.out
    assert result.findings == []


def test_long_sentence(tmp_path: Path) -> None:
    text = ("We will help people.\n"
            "We will make sure that every person who lives in our area gets the right help "
            "at home.")
    result = check(tmp_path, plan_yaml(text))
    line = line_of(tmp_path / "content" / FILE, "every person who lives")
    finding = only(result, "words:")
    assert finding.startswith(f"{FILE}:{line}:11: warning: sections[0].blocks[0].text: ")
    assert "this sentence has 18 words" in finding
    assert "easy read keeps sentences to 15 words or fewer: split it" in finding
    assert result.code == 0  # a warning


def test_long_sentence_is_an_error_under_strict(tmp_path: Path) -> None:
    text = "One two three four five six seven eight nine ten eleven twelve 13 14 15 16."
    result = check(tmp_path, plan_yaml(text.replace("One", "Uno")), "--strict")
    assert result.code == 1
    assert ": error: sections[0].blocks[0].text: this sentence has 16 words" in result.out


@pytest.mark.parametrize("sentence, joiners", [
    ("We help carers and families and we help children.", "'and'"),
    ("We help carers but we also help the staff, which helps.", "'but', 'which'"),
    ("We help carers, and we help children.", "'and'"),
])
def test_chained_ideas(tmp_path: Path, sentence: str, joiners: str) -> None:
    result = check(tmp_path, plan_yaml(sentence))
    finding = only(result, "more than one idea")
    assert f"this sentence joins more than one idea with {joiners}" in finding
    assert "write one idea per sentence" in finding


def test_one_joiner_without_a_comma_is_fine(tmp_path: Path) -> None:
    result = check(tmp_path, plan_yaml("We want people to be healthy and active."))
    assert result.findings == []


def test_too_many_sentences_in_a_block(tmp_path: Path) -> None:
    text = "We help.\nWe listen.\nWe care.\nWe plan."
    result = check(tmp_path, plan_yaml(text))
    line = line_of(tmp_path / "content" / FILE, r"^\s+text: \|")
    finding = only(result, "sentences;")
    assert finding.startswith(f"{FILE}:{line}:9: warning: sections[0].blocks[0].text: ")
    assert "this block has 4 sentences; easy read keeps to 3 or fewer beside each picture: " \
        "split it into two blocks" in finding


def test_hard_word_from_the_jargon_list(tmp_path: Path) -> None:
    result = check(tmp_path, plan_yaml("We help.\nWe want good outcomes for you."))
    line = line_of(tmp_path / "content" / FILE, "good outcomes")
    finding = only(result, "hard word")
    assert finding.startswith(f"{FILE}:{line}:11: warning: sections[0].blocks[0].text: ")
    assert "'outcomes' is a hard word: explain it in the word list (words: outcome: …) or " \
        "say 'result' instead" in finding


def test_hard_word_explained_in_the_word_list_is_fine(tmp_path: Path) -> None:
    source = plan_yaml("We want good outcomes for you.",
                       words="  Outcome: What happens because of what we do.\n")
    assert check(tmp_path, source).findings == []


def test_hard_phrase_and_headings_are_checked(tmp_path: Path) -> None:
    result = check(tmp_path, plan_yaml("We help you.", heading="Self-directed support"))
    line = line_of(tmp_path / "content" / FILE, "heading: Self-directed")
    finding = only(result, "hard word")
    assert finding.startswith(f"{FILE}:{line}:14: warning: sections[0].heading: ")
    assert "'Self-directed support' is a hard word" in finding


def test_abbreviation_not_explained(tmp_path: Path) -> None:
    result = check(tmp_path, plan_yaml("The NHS helps you.\nThe NHS is good."))
    finding = only(result, "abbreviation")  # reported once, where it is first used
    assert "'NHS' is an abbreviation: write it out in full, or explain it in the word list " \
        "(words: NHS: …)" in finding
    explained = plan_yaml("The NHS helps you.", words="  nhs: The National Health Service.\n")
    assert check(tmp_path, explained).findings == []


def test_number_written_as_a_word(tmp_path: Path) -> None:
    result = check(tmp_path, plan_yaml("We have three teams.\nNo one is left out."))
    finding = only(result, "digits")
    assert "write numbers as digits: 'three' → '3'" in finding
    assert len(result.findings) == 1  # "no one" is not a number


def test_unknown_picture_name_is_an_error(tmp_path: Path) -> None:
    result = check(tmp_path, plan_yaml("We help.", picture="hopsital"))
    line = line_of(tmp_path / "content" / FILE, "picture: hopsital")
    finding = only(result, "picture")
    assert finding.startswith(f"{FILE}:{line}:9: error: sections[0].blocks[0].picture: ")
    assert "there is no bundled picture called 'hopsital'; did you mean 'hospital'?" in finding
    assert result.code == 1


def test_own_picture_file_must_exist_and_be_png_jpeg_or_gif(tmp_path: Path) -> None:
    result = check(tmp_path, plan_yaml("We help.", picture="images/boat.png"))
    assert "file 'images/boat.png' does not exist" in only(result, "picture")
    svg = check(tmp_path, plan_yaml("We help.", picture="images/boat.svg"),
                files={"easy-read/images/boat.svg": b"<svg/>"})
    assert "'images/boat.svg' is not a PNG, JPEG or GIF picture" in only(svg, "picture")
    png = catalogue().pictograms["ferry"].png.read_bytes()
    good = check(tmp_path, plan_yaml("We help.", picture="images/boat.png"),
                 files={"easy-read/images/boat.png": png})
    assert good.findings == []


@pytest.mark.parametrize("missing, message", [
    ("picture", "this block has no picture; easy read puts a picture beside every block"),
    ("alt", "this block's picture has no alt text; add 'alt:' saying in a few words what "
            "the picture shows, for people who cannot see it"),
])
def test_block_without_picture_or_alt_is_an_error(tmp_path: Path, missing: str,
                                                  message: str) -> None:
    project = Project()
    del project.easy_read["sections"][0]["blocks"][0][missing]
    project.write(tmp_path)
    result = run(tmp_path, "check", "--as-of", AS_OF.isoformat())
    assert result.code == 1
    finding = only(result, "this block")
    assert finding.startswith(f"{FILE}:5:") and ": error: sections[0].blocks[0]: " in finding
    assert message in finding


def test_mistyped_alt_key_gets_the_usual_messages(tmp_path: Path) -> None:
    project = Project()
    block = project.easy_read["sections"][0]["blocks"][0]
    block["alt_text"] = block.pop("alt")
    project.write(tmp_path)
    result = run(tmp_path, "check", "--as-of", AS_OF.isoformat())
    # the usual messages, not the picture one: the key is there, only misspelt
    assert "sections[0].blocks[0].alt_text: unknown key 'alt_text'" in result.out
    assert "required key 'alt' is missing" in result.out
    assert "this block" not in result.out


def test_check_prints_a_readability_summary_per_section(tmp_path: Path) -> None:
    project = Project()
    project.easy_read = easy_read()
    project.easy_read["sections"].append({"heading": "Carers", "blocks": [
        {"picture": "carer", "alt": "A carer", "text": "We help carers.\nWe listen to you."}]})
    project.write(tmp_path)
    result = run(tmp_path, "check", "--as-of", AS_OF.isoformat())
    lines = result.out.splitlines()
    assert lines[0].startswith("Easy read by section")
    assert lines[1].split() == ["About", "this", "plan", "6.0", "words", "per", "sentence,",
                                "reading", "ease", "100"]
    assert lines[2].split()[:2] == ["Carers", "3.5"]
    assert lines[3].split()[:3] == ["Whole", "plan", "4.3"]
    assert lines[-1] == "No problems found."  # the summary line stays last
    quiet = run(tmp_path, "-q", "check", "--as-of", AS_OF.isoformat())
    assert "Easy read by section" not in quiet.out


def test_sentences_end_at_full_stops_and_line_ends() -> None:
    text = "We help. We listen!\nWe wrote it with people\nwho use our services.\nCall 01294 317700"
    found = sentences(text)
    assert [s.text for s in found] == [
        "We help.", "We listen!", "We wrote it with people who use our services.",
        "Call 01294 317700",
    ]
    assert [(s.line, s.col) for s in found] == [(0, 0), (0, 9), (1, 0), (3, 0)]
    assert found[3].words == ["Call", "01294", "317700"]
    assert measure([text]).sentences == 4


def test_stem_matches_simple_endings() -> None:
    assert stem("outcomes") == stem("outcome")
    assert stem("delegated") == stem("delegate")
    assert stem("localities") == stem("locality")
    assert stem("process") == "process"


def test_bundled_pictures_have_every_required_name_and_credit() -> None:
    bundled = catalogue()
    assert len(bundled.pictograms) >= 40
    assert set(REQUIRED_PICTURES) <= set(bundled.names())
    for picture in bundled.pictograms.values():
        assert picture.png.is_file() and picture.svg.is_file(), picture.name
        assert picture.png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert picture.licence == "CC BY-SA 4.0" and picture.source.startswith("OpenMoji ")
    assert (bundled.pictograms["ferry"].png.parent / "LICENSE.md").is_file()
    assert bundled.attribution.licence_url.startswith("https://creativecommons.org/")
