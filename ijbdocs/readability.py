"""Plain-language measures for easy-read text: sentences, words, syllables, reading ease.

The rules are deliberately simple so that an author can predict them:

- A block's text is read line by line. Each sentence is shown on its own line, so a
  sentence ends at `.`, `?` or `!` followed by a space and a capital letter or digit, or
  at the end of a line. A line that does not end in `.`, `?`, `!` or `:` and is followed
  by a line starting with a small letter carries on the same sentence.
- A word is a run of letters, digits and `£ ' - , .` inside it: "£349,150,000" and
  "North Ayrshire's" are one word each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"'‘“(]?[A-Z0-9£])")
_WORD = re.compile(r"[A-Za-z0-9£$€][A-Za-z0-9£$€'’\-,.&/]*")
_ENDS = (".", "?", "!", ":")


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int  # 0-based index of the text line it starts on
    col: int  # 0-based column in that line

    @property
    def words(self) -> list[str]:
        return words(self.text)


def words(text: str) -> list[str]:
    """The words of `text`, without the punctuation after them."""
    return [w.rstrip(".,'’/-&") or w for w in _WORD.findall(text)]


def sentences(text: str) -> list[Sentence]:
    """The sentences of a block's text, each with the line and column it starts at."""
    result: list[Sentence] = []
    pending: Sentence | None = None  # a sentence carried on to the next line
    for number, raw in enumerate(text.split("\n")):
        line = raw.rstrip()
        if not line.strip():
            if pending:
                result.append(pending)
                pending = None
            continue
        start = len(line) - len(line.lstrip())
        stripped = line.strip()
        if pending and stripped[0].islower():
            pending = Sentence(f"{pending.text} {stripped}", pending.line, pending.col)
            if stripped.endswith(_ENDS):
                result.extend(_split(pending))
                pending = None
            continue
        if pending:
            result.append(pending)
            pending = None
        here = Sentence(stripped, number, start)
        if stripped.endswith(_ENDS):
            result.extend(_split(here))
        else:
            pending = here
    if pending:
        result.append(pending)
    return [s for s in result if s.text]


def _split(sentence: Sentence) -> list[Sentence]:
    parts: list[Sentence] = []
    offset = 0
    for piece in _SPLIT.split(sentence.text):
        at = sentence.text.index(piece, offset)
        parts.append(Sentence(piece.strip(), sentence.line, sentence.col + at))
        offset = at + len(piece)
    return parts


_VOWELS = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    """An estimate good enough for a reading-ease score (vowel groups, silent e)."""
    w = word.lower().strip("'’")
    if not w.isalpha():
        return 1  # numbers and amounts: read as one unit
    count = len(_VOWELS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    if w.endswith(("ed", "es")) and not w.endswith(("ted", "ded", "ses", "zes", "ces", "ges"))\
            and count > 1:
        count -= 1
    return max(count, 1)


@dataclass(frozen=True)
class Readability:
    sentences: int
    words: int
    syllables: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def reading_ease(self) -> float:
        """Flesch reading ease: 100 is very easy, 60–70 plain English, below 30 very hard."""
        if not self.sentences or not self.words:
            return 0.0
        score = (206.835 - 1.015 * self.words_per_sentence
                 - 84.6 * (self.syllables / self.words))
        return min(max(score, 0.0), 100.0)  # the usual 0–100 scale; short texts overshoot


def measure(texts: list[str]) -> Readability:
    found = [s for text in texts for s in sentences(text)]
    all_words = [w for s in found for w in s.words]
    return Readability(len(found), len(all_words), sum(syllables(w) for w in all_words))
