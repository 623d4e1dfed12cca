"""What every renderer gets: the validated content, the log, the date, and where to write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..log import DirectionsLog
from ..model import Content
from ..project import Project


@dataclass(frozen=True)
class BuildContext:
    """One build. Renderers write only below the staging folders named here.

    - `docs`: Markdown pages for the site engine (becomes build/docs/)
    - `files`: finished public files (Word papers, open data, …) copied into site/ after
      the site engine has run; the site pages may link to them and read their sizes
    - `site`: the site engine's output (becomes site/)
    - `private`: private and draft material (becomes build/private/); never public
    - `cache`: outputs of earlier builds by the hash of their inputs (see ijbdocs.cache)
    """

    project: Project
    content: Content
    log: DirectionsLog  # the full log; public outputs use `public_log`
    as_of: dt.date
    docs: Path
    files: Path
    site: Path
    private: Path
    engine: str = "mkdocs"  # the site engine: "mkdocs" (mkdocs-material) or "zensical"
    cache: Path | None = None  # build/cache/, or None to write every output afresh
    jobs: int = 1  # worker processes a renderer may use
    stats: dict[str, Any] = field(default_factory=dict)  # what renderers report (counts)

    @cached_property  # every page provider asks; derive the published view once
    def public_log(self) -> DirectionsLog:
        return self.log.public()
