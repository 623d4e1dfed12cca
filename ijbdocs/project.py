"""A project folder: content/ is required; templates/ and mkdocs.yml override the defaults."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

DEFAULTS = Path(str(resources.files("ijbdocs") / "defaults"))


class ProjectError(Exception):
    """The project folder cannot be used (a usage error, exit code 2)."""


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def at(cls, folder: Path) -> Project:
        root = folder.resolve()
        if not root.is_dir():
            raise ProjectError(f"{folder} is not a folder")
        if not (root / "content").is_dir():
            raise ProjectError(
                f"no content/ folder in {root}; run ijbdocs in a project folder "
                "(or give one with -C DIR; `ijbdocs init DIR` starts a new one)"
            )
        return cls(root)

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def template_folders(self) -> list[Path]:
        """Where templates are looked up: the project's own first, then the defaults."""
        own = self.root / "templates"
        folders = [own] if own.is_dir() else []
        return [*folders, DEFAULTS / "templates"]

    @property
    def mkdocs_files(self) -> list[Path]:
        """The default site configuration, then the project's overrides if any."""
        own = self.root / "mkdocs.yml"
        return [DEFAULTS / "mkdocs.yml", *([own] if own.is_file() else [])]
