"""The easy-read plan's web page: a picture beside each block of short sentences.

The page's wording and layout are in `site/easy-read.md.j2` and its stylesheet in
`site/easy-read.css.j2`; this module prepares what they show: each block's sentences (one
a line, with the word list's words in bold the first time a section uses them), the
pictures copied beside the page, and the Word version's link and size.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from markupsafe import Markup, escape

from ...checks.easyread import is_picture_file
from ...model import EasyReadBlock, EasyReadPlan
from ...pictograms import catalogue
from ...readability import sentences
from ..context import BuildContext
from . import Page

PAGE = "easy-read/index.md"
STYLESHEET = "assets/easy-read.css"
WORD_FILE = "easy-read/easy-read-plan.docx"


@dataclass(frozen=True)
class Block:
    picture: str  # href relative to the page
    alt: str
    sentences: list[Markup]


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: list[Block]


def picture_source(context: BuildContext, picture: str) -> tuple[Path, str]:
    """The file of a block's picture and where it goes below easy-read/ on the site.

    Bundled pictograms are SVG on the web (sharp at any zoom); an author's own file keeps
    its path below content/easy-read/ (the checks made sure it exists inside content/).
    """
    if is_picture_file(picture):
        relative = PurePosixPath(picture.replace("\\", "/")).as_posix()
        return context.project.content / "easy-read" / relative, relative
    pictogram = catalogue().pictograms[picture]
    return pictogram.svg, f"pictures/{picture}.svg"


def uses_bundled(easy_read: EasyReadPlan) -> bool:
    return any(not is_picture_file(b.picture) for s in easy_read.sections for b in s.blocks)


def word_pattern(words: list[str]) -> re.Pattern[str] | None:
    """Matches any word-list word (whole words, any case, an optional plural s)."""
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b({alternatives})(s|es)?\b", re.IGNORECASE)


def marked_sentences(block: EasyReadBlock, pattern: re.Pattern[str] | None,
                     seen: set[str]) -> list[Markup]:
    """The block's sentences, escaped, with each word-list word bold at its first use."""
    result: list[Markup] = []
    for sentence in sentences(block.text):
        out = Markup("")
        at = 0
        for match in pattern.finditer(sentence.text) if pattern else ():
            key = match.group(1).lower()
            if key in seen:
                continue
            seen.add(key)
            out += escape(sentence.text[at:match.start()])
            out += Markup("<strong>{}</strong>").format(match.group())
            at = match.end()
        out += escape(sentence.text[at:])
        result.append(out)
    return result


def pages(context: BuildContext) -> list[Page]:
    easy_read = context.content.easy_read
    if easy_read is None:
        return []
    pattern = word_pattern(list(easy_read.words))
    copied: set[str] = set()
    sections: list[Section] = []
    for section in easy_read.sections:
        seen: set[str] = set()  # bold a hard word once per section
        blocks: list[Block] = []
        for block in section.blocks:
            source, target = picture_source(context, block.picture)
            if target not in copied:
                destination = context.docs / "easy-read" / target
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, destination)
                copied.add(target)
            blocks.append(Block(target, block.alt, marked_sentences(block, pattern, seen)))
        sections.append(Section(section.heading, blocks))
    word_file = context.files / WORD_FILE
    values = {
        "easy_read": easy_read,
        "sections": sections,
        "words": sorted(easy_read.words.items(), key=lambda item: item[0].lower()),
        "word_file": {"href": PurePosixPath(WORD_FILE).name,
                      "size": word_file.stat().st_size} if word_file.is_file() else None,
        "stylesheet": f"../{STYLESHEET}",
        "attribution": catalogue().attribution if uses_bundled(easy_read) else None,
        "root": "../",
    }
    return [
        Page(PAGE, "site/easy-read.md.j2", values, nav="Easy read"),
        Page(STYLESHEET, "site/easy-read.css.j2"),
    ]
