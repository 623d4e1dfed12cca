"""`ijbdocs pictures`: write a gallery of the bundled easy-read pictures, to choose from."""

from __future__ import annotations

import argparse
import base64
from pathlib import Path

from ..pictograms import catalogue
from ..project import Project
from ..render.templating import template_environment
from ..write import write_text
from .common import EXIT_OK

HELP = "write a gallery page of the pictures you can use in the easy-read plan"
NEEDS_PROJECT = False  # authors may want to browse before they have a project
OWN_TYPES = (".png", ".jpg", ".jpeg", ".gif")


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", type=Path, metavar="FILE", default=None,
        help="where to write the gallery (default: build/pictures.html in the project folder)",
    )


def data_uri(file: Path) -> str:
    """The file inlined, so the gallery is one file that can be opened or sent anywhere."""
    kind = {".svg": "image/svg+xml", ".png": "image/png", ".gif": "image/gif"}.get(
        file.suffix.lower(), "image/jpeg")
    return f"data:{kind};base64,{base64.b64encode(file.read_bytes()).decode('ascii')}"


def gallery(folder: Path) -> str:
    """The gallery page: every bundled pictogram, then the project's own pictures if any."""
    project = Project(folder.resolve())
    bundled = catalogue()
    own_folder = project.content / "easy-read"
    own = sorted(p for p in own_folder.rglob("*") if p.suffix.lower() in OWN_TYPES) \
        if own_folder.is_dir() else []
    template = template_environment(project).get_template("site/easy-read-pictures.html.j2")
    return template.render(
        attribution=bundled.attribution,
        pictograms=[(p, data_uri(p.svg)) for p in bundled.pictograms.values()],
        own=[(p.relative_to(own_folder).as_posix(), data_uri(p)) for p in own],
    )


def run(args: argparse.Namespace, project: Project | None) -> int:
    folder = Path(getattr(args, "project", Path.cwd()))
    out: Path = args.out or folder / "build" / "pictures.html"
    write_text(out, gallery(folder))
    print(f"Wrote {len(catalogue().pictograms)} pictures to {out}; open it in a web browser. "
          "Use a picture by its name, e.g. `picture: ferry`.")
    return EXIT_OK
