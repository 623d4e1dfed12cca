"""Property: no text of a private or draft paper ever appears anywhere under site/.

Random partnerships mix public, private and draft papers; every field of a private or
draft paper carries a unique marker. After a real build, every file under site/ is read,
inside zip containers (Word, Excel) and gzip files too, and no marker may appear. The
statutory log entry of a private paper's direction (its reference) must still be public.

Few examples by default (each is a full build); run long with IJBDOCS_PRIVACY_EXAMPLES=50.
"""

from __future__ import annotations

import gzip
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from factories import Project, direction, paper, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("IJBDOCS_PRIVACY_EXAMPLES", "8"))
AS_OF = "2024-06-01"


def site_text(site: Path) -> str:
    """Everything under site/ as text, with zip and gzip containers opened."""
    parts: list[str] = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"PK":
            with zipfile.ZipFile(path) as archive:
                parts.extend(archive.read(name).decode("utf-8", "replace")
                             for name in archive.namelist())
        elif data[:2] == b"\x1f\x8b":
            parts.append(gzip.decompress(data).decode("utf-8", "replace"))
        else:
            parts.append(data.decode("utf-8", "replace"))
    return "\n".join(parts)


def secret_paper(marker: str, visibility: str, with_direction: bool, ref: str) -> dict[str, Any]:
    value = paper(
        f"Title {marker}T",
        "council" if with_direction else "none",
        visibility=visibility,
        purpose=f"Purpose {marker}P",
        recommendations=[f"Recommend {marker}R"],
        summary=f"Summary {marker}S",
        sections=[{"heading": f"Heading {marker}H", "body": f"Body {marker}B"}],
        conclusion=f"Conclusion {marker}C",
        glossary={f"G{marker}": f"Glossary {marker}G"},
        decision="approved",
    )
    value["implications"]["financial"] = f"Money {marker}F"
    if visibility == "private":
        value["exempt_reason"] = "Paragraph 6, Part 1, Schedule 7A"
    if with_direction:
        value["direction"] = direction(
            ref, title=f"Direction {marker}D", delivery=f"Deliver {marker}V",
            purpose=f"Why {marker}W", issued="2024-03-25",
            budget={"total": 1000, "lines": [{"description": f"Line {marker}L",
                                              "amount": 1000}]},
        )
    return value


papers = st.lists(
    st.tuples(st.sampled_from(["public", "private", "draft"]), st.booleans()),
    min_size=1, max_size=4,
)


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(papers)
def test_private_and_draft_text_never_reaches_the_site(specs: list[tuple[str, bool]]) -> None:
    project = Project()
    markers: list[str] = []
    private_refs: list[str] = []
    for index, (visibility, with_direction) in enumerate(specs, start=1):
        ref = f"TIJB-2024-{index:03d}"
        stem = f"{index:02d}-item"
        if visibility == "public":
            value = paper(f"Public item {index}", "council" if with_direction else "none",
                          decision="approved")
            if with_direction:
                value["direction"] = direction(ref, issued="2024-03-25")
        else:
            marker = f"ZQX{visibility.upper()}{index}Q"
            markers.append(marker)
            value = secret_paper(marker, visibility, with_direction, ref)
            if visibility == "private" and with_direction:
                private_refs.append(ref)
        project.add_paper("2024-03-21", stem, value)
    with tempfile.TemporaryDirectory() as folder:
        root = project.write(Path(folder))
        result = run(root, "build", "--as-of", AS_OF)
        assert result.code == 0, result.out + result.err
        text = site_text(root / "site")
        for marker in markers:
            assert marker not in text, f"{marker} leaked onto the public site"
        for ref in private_refs:
            assert ref in text, f"the statutory log entry of {ref} is missing"
        private = site_text(root / "build" / "private")
        for marker in markers:  # the private outputs do carry them (the clerk's copies)
            assert marker in private
