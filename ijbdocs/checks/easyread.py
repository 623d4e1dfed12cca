"""Rules for the easy-read plan: pictures, and plain language (strategic plan guidance 3.6).

Plain-language rules are warnings (errors under --strict); each names the file, the line
of the sentence inside the block's text, and the key. The rules, kept simple so that an
author can predict them (sentences and words are as `readability` defines them):

- long-sentence: a sentence of more than 15 words.
- chained-ideas: a sentence with two or more of the joining words "and", "but",
  "which", or with a comma just before one of them (", and we will …"): each joins
  another idea on; easy read has one idea per sentence.
- too-many-sentences: a block with more than 3 sentences.
- hard-word: a word from the bundled jargon list (reference/easy_read_jargon.yaml), or an
  abbreviation in capitals (NHS, IJB), that the word list (`words:`) does not explain.
  Matching ignores case and simple endings (outcome/outcomes); a word-list entry
  explains every word in its name ("health board" explains "board"). Each hard word is
  reported once, where it is first used. Headings and the title are checked too.
- number-word: a number written as a word ("three"): write the digit (3). "one" is
  allowed where it is not a number ("no one", "loved one", "one another").
- unknown-picture (error): a picture name that is not a bundled pictogram and not a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from ..findings import Findings, Location
from ..model import Content, EasyReadPlan
from ..pictograms import catalogue
from ..readability import Readability, Sentence, measure, sentences, words
from .common import did_you_mean, resolve_inside

CITE = "strategic plan guidance 3.6"
MAX_WORDS = 15
MAX_SENTENCES = 3
JOINERS = ("and", "but", "which")
PICTURE_TYPES = (".png", ".jpg", ".jpeg", ".gif")

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "million": 1_000_000,
}
# "one" as a pronoun, not a number
_ONE_BEFORE = {"no", "any", "every", "each", "this", "that", "the", "which", "loved", "little",
               "other", "right", "wrong", "a", "someone", "only"}
_ONE_AFTER = {"another"}
_ABBREVIATION = re.compile(r"\b[A-Z][A-Z&]*[A-Z]s?\b")


def is_picture_file(picture: str) -> bool:
    """A picture given as a file (images/ferry.png) rather than a bundled pictogram name."""
    return "/" in picture or "\\" in picture or "." in picture


def check(content: Content, root: Path, findings: Findings) -> None:
    easy_read = content.easy_read
    if easy_read is None:
        return
    _pictures(easy_read, root, findings)
    _plain_language(easy_read, root, findings)


def _pictures(easy_read: EasyReadPlan, root: Path, findings: Findings) -> None:
    folder = root / "easy-read"
    names = catalogue().names()
    for s, section in enumerate(easy_read.sections):
        for b, block in enumerate(section.blocks):
            key = f"sections[{s}].blocks[{b}].picture"
            where = easy_read.where("sections", s, "blocks", b, "picture")
            if is_picture_file(block.picture):
                _, problem = resolve_inside(root, folder, block.picture)
                if problem:
                    findings.error(where, key, problem, "picture-file")
                elif Path(block.picture).suffix.lower() not in PICTURE_TYPES:
                    findings.error(
                        where, key,
                        f"'{block.picture}' is not a PNG, JPEG or GIF picture; the Word "
                        "version can show only those: save the picture as PNG",
                        "picture-type",
                    )
            elif block.picture not in names:
                findings.error(
                    where, key,
                    f"there is no bundled picture called '{block.picture}'"
                    f"{did_you_mean(block.picture, names)} (`ijbdocs pictures` shows them "
                    "all; or give a file such as images/ferry.png)",
                    "unknown-picture",
                )


# ------------------------------------------------------------------------ plain language


@dataclass(frozen=True)
class Jargon:
    word: str
    instead: str

    @property
    def phrase(self) -> bool:
        return " " in self.word


@cache
def jargon() -> tuple[Jargon, ...]:
    path = resources.files("ijbdocs") / "reference" / "easy_read_jargon.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(Jargon(str(entry["word"]), str(entry["instead"])) for entry in data)


def stem(word: str) -> str:
    """A crude stem so that outcome/outcomes and delegate/delegated match."""
    w = word.lower().replace("’", "'")
    w = w.removesuffix("'s").removesuffix("'")
    for suffix, replacement in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
            w = w[: -len(suffix)] + replacement
            break
    return w.removesuffix("e")


class _Text:
    """One piece of checked text (a block's text, a heading, the title) and where it is."""

    def __init__(self, value: str, key: str, where: Location, source: list[str] | None):
        self.value = value
        self.key = key
        self.where = where
        self.lines = _source_lines(value, where, source)

    def at(self, sentence: Sentence) -> Location:
        line, col = self.lines[sentence.line] if sentence.line < len(self.lines) else (0, 0)
        if not line:
            return self.where
        return Location(self.where.file, line, col + sentence.col)


def _source_lines(value: str, where: Location, source: list[str] | None
                  ) -> list[tuple[int, int]]:
    """For each line of `value`, its (line, column) in the source file, or (0, 0).

    Works for text written after the key or as a `|` block below it: each line of the
    value is looked for, in order, from the key's line on.
    """
    found: list[tuple[int, int]] = []
    if not source or not where.line:
        return found
    cursor = where.line - 1
    for text_line in value.split("\n"):
        needle = text_line.strip()
        if not needle:
            found.append((0, 0))
            continue
        for index in range(cursor, min(len(source), cursor + 50)):
            col = source[index].find(needle)
            if col >= 0:
                found.append((index + 1, col + 1))
                cursor = index + 1
                break
        else:
            found.append((0, 0))
    return found


def _texts(easy_read: EasyReadPlan, root: Path) -> list[tuple[_Text, bool]]:
    """Every checked piece of text, and whether it is block text (the sentence rules)."""
    try:
        source: list[str] | None = (root / easy_read.source_file).read_text(
            encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
    except OSError:
        source = None
    texts = [(_Text(easy_read.title, "title", easy_read.where("title"), source), False)]
    for s, section in enumerate(easy_read.sections):
        texts.append((_Text(section.heading, f"sections[{s}].heading",
                            easy_read.where("sections", s, "heading"), source), False))
        for b, block in enumerate(section.blocks):
            texts.append((_Text(block.text, f"sections[{s}].blocks[{b}].text",
                                easy_read.where("sections", s, "blocks", b, "text"), source),
                          True))
    return texts


def _plain_language(easy_read: EasyReadPlan, root: Path, findings: Findings) -> None:
    explained = _explained(easy_read)
    reported: set[str] = set()
    for text, is_block in _texts(easy_read, root):
        found = sentences(text.value)
        if is_block and len(found) > MAX_SENTENCES:
            findings.warning(
                text.where, text.key,
                f"this block has {len(found)} sentences; easy read keeps to {MAX_SENTENCES} "
                "or fewer beside each picture: split it into two blocks",
                "too-many-sentences", CITE,
            )
        for sentence in found:
            where = text.at(sentence)
            if is_block:
                _sentence_rules(sentence, where, text.key, findings)
            _number_words(sentence, where, text.key, findings)
            for word, advice in _hard_words(sentence, explained):
                if word.lower() not in reported:
                    reported.add(word.lower())
                    findings.warning(where, text.key, advice, "hard-word", CITE)


def _sentence_rules(sentence: Sentence, where: Location, key: str, findings: Findings) -> None:
    count = len(sentence.words)
    if count > MAX_WORDS:
        findings.warning(
            where, key,
            f"this sentence has {count} words: \"{_short(sentence.text)}\"; easy read keeps "
            f"sentences to {MAX_WORDS} words or fewer: split it",
            "long-sentence", CITE,
        )
    lowered = [w.lower() for w in sentence.words]
    joiners = [w for w in lowered if w in JOINERS]
    comma = re.search(r",\s+(and|but|which)\b", sentence.text, re.IGNORECASE)
    if len(joiners) >= 2 or comma:
        joined = "', '".join(dict.fromkeys(joiners))
        findings.warning(
            where, key,
            f"this sentence joins more than one idea with '{joined}': "
            f"\"{_short(sentence.text)}\"; write one idea per sentence",
            "chained-ideas", CITE,
        )


def _number_words(sentence: Sentence, where: Location, key: str, findings: Findings) -> None:
    tokens = [w.lower() for w in sentence.words]
    for index, token in enumerate(tokens):
        if token not in NUMBER_WORDS:
            continue
        if token == "one" and (
            (index and tokens[index - 1] in _ONE_BEFORE)
            or (index + 1 < len(tokens) and tokens[index + 1] in _ONE_AFTER)
        ):
            continue
        findings.warning(
            where, key,
            f"write numbers as digits: '{sentence.words[index]}' → '{NUMBER_WORDS[token]:,}'",
            "number-word", CITE,
        )


def _explained(easy_read: EasyReadPlan) -> set[str]:
    """Stems of every word in the word list's entries, and the entries themselves."""
    result: set[str] = set()
    for entry in easy_read.words:
        result.add(entry.lower())
        result.update(stem(w) for w in words(entry))
    return result


def _hard_words(sentence: Sentence, explained: set[str]) -> list[tuple[str, str]]:
    hard: list[tuple[str, str]] = []
    lowered = sentence.text.lower()
    stems = [stem(w) for w in sentence.words]
    for term in jargon():
        if term.phrase:
            match = re.search(rf"\b{re.escape(term.word)}s?\b", lowered)
            if not match or term.word in explained or any(term.word in e for e in explained):
                continue
            word = sentence.text[match.start():match.end()]
        else:
            target = stem(term.word)
            if target not in stems or target in explained:
                continue
            word = sentence.words[stems.index(target)]
        hard.append((word, f"'{word}' is a hard word: explain it in the word list "
                           f"(words: {term.word}: …) or say '{term.instead}' instead"))
    for match in _ABBREVIATION.finditer(sentence.text):
        word = match.group()
        if stem(word) in explained or word.lower() in explained:
            continue
        hard.append((word, f"'{word}' is an abbreviation: write it out in full, or explain it "
                           f"in the word list (words: {word}: …)"))
    return hard


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ------------------------------------------------------------------ readability summary


def readability(content: Content) -> list[tuple[str, Readability]]:
    """Per section of the easy-read plan: its heading and measures; then the whole plan."""
    easy_read = content.easy_read
    if easy_read is None:
        return []
    rows = [(section.heading, measure([block.text for block in section.blocks]))
            for section in easy_read.sections]
    everything = measure([block.text for section in easy_read.sections
                          for block in section.blocks])
    return [*rows, ("Whole plan", everything)]


def readability_lines(content: Content) -> list[str]:
    """The short summary `ijbdocs check` prints (empty without an easy-read plan)."""
    rows = readability(content)
    if not rows:
        return []
    width = min(max(len(heading) for heading, _ in rows), 40)
    lines = ["Easy read by section (aim for 10 or fewer words per sentence, reading ease 80+):"]
    for heading, measured in rows:
        name = heading if len(heading) <= width else heading[: width - 1] + "…"
        lines.append(
            f"  {name:<{width}}  {measured.words_per_sentence:4.1f} words per sentence, "
            f"reading ease {measured.reading_ease:3.0f}"
        )
    return lines
