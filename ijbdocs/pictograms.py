"""The pictograms bundled for easy read: names, files and the credit their licence asks for."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from .project import DEFAULTS

FOLDER = DEFAULTS / "pictograms"


@dataclass(frozen=True)
class Attribution:
    """The credit every published use must show (CC BY-SA 4.0 asks for it)."""

    credit: str
    url: str
    licence: str
    licence_url: str


@dataclass(frozen=True)
class Pictogram:
    name: str
    png: Path  # for Word, which cannot show SVG
    svg: Path  # for the web: sharp at any zoom
    description: str
    source: str  # e.g. "OpenMoji 1F3E5"
    emoji: str  # the source emoji's annotation
    author: str
    licence: str


@dataclass(frozen=True)
class Catalogue:
    attribution: Attribution
    pictograms: dict[str, Pictogram]

    def names(self) -> list[str]:
        return list(self.pictograms)

    def get(self, name: str) -> Pictogram | None:
        return self.pictograms.get(name)


@cache
def catalogue(folder: Path = FOLDER) -> Catalogue:
    """The bundled set, read once from catalogue.yaml."""
    data = yaml.safe_load((folder / "catalogue.yaml").read_text(encoding="utf-8"))
    pictograms = {
        str(name): Pictogram(
            name=str(name),
            png=folder / entry["png"],
            svg=folder / entry["svg"],
            description=entry["description"],
            source=entry["source"],
            emoji=entry["emoji"],
            author=entry["author"],
            licence=entry["licence"],
        )
        for name, entry in data["pictograms"].items()
    }
    return Catalogue(Attribution(**data["attribution"]), pictograms)
