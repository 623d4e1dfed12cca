"""Where generated pages live and how one page links to another or to a public file."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..context import BuildContext


def up(page_path: str) -> str:
    """The prefix from a page's folder back to the docs root, e.g. "../../" for a/b/c.md.

    Markdown links (`[x](../y.md)`) are resolved from the page's source file by the engine,
    so this is right whatever `use_directory_urls` says.
    """
    depth = len(PurePosixPath(page_path).parent.parts)
    return "../" * depth


def file_href(page_path: str, target: str) -> str:
    """An HTML href from an `index.md` page to a file copied into the site (a Word paper).

    Only index pages use it: their URL is their folder under both URL styles, so the same
    relative href works with and without directory URLs.
    """
    assert PurePosixPath(page_path).name == "index.md", page_path
    return up(page_path) + target


def public_file(context: BuildContext, target: str) -> Path | None:
    """A public file another renderer wrote below context.files, if it is there."""
    path = context.files / target
    return path if path.is_file() else None


def slug(text: str) -> str:
    """A lower-case URL segment: letters, digits and hyphens."""
    out = []
    for char in text.lower():
        out.append(char if char.isalnum() else "-")
    return "-".join(part for part in "".join(out).split("-") if part)
