"""The website's own rules: a readable brand colour and a logo that exists, and the
stylesheet and header that carry them."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import AS_OF, Project, line_of, run

from ijbdocs.colour import contrast_ratio

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
       '<rect width="10" height="10" fill="#005eb8"/></svg>')


def branded(colour: str | None = None, logo: str | None = None) -> Project:
    project = Project()
    brand: dict[str, str] = {}
    if colour:
        brand["primary_colour"] = colour
    if logo:
        brand["logo"] = logo
    project.partnership["house_style"] = {"brand": brand}  # type: ignore[index]
    return project


def test_contrast_ratio_matches_wcag_examples() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#ffffff") < 4.5


def test_brand_colour_too_light_for_white_text_is_an_error_naming_it(tmp_path: Path) -> None:
    branded("#ffcc00").write(tmp_path)
    result = run(tmp_path, "check", "--as-of", AS_OF.isoformat())
    assert result.code == 1
    line = line_of(tmp_path / "content" / "partnership.yaml", "primary_colour")
    [finding] = result.findings
    assert finding.startswith(f"partnership.yaml:{line}:")
    assert "error: house_style.brand.primary_colour: the brand colour #ffcc00 gives 1.51:1" \
        in finding
    assert "at least 4.5:1" in finding and "[WCAG 2.2 success criterion 1.4.3" in finding


def test_missing_logo_is_an_error(tmp_path: Path) -> None:
    branded(logo="images/logo.svg").write(tmp_path)
    result = run(tmp_path, "check", "--as-of", AS_OF.isoformat())
    assert result.code == 1
    [finding] = result.findings
    assert "error: house_style.brand.logo: file 'images/logo.svg' does not exist" in finding


@pytest.mark.slow
def test_brand_colour_and_logo_reach_the_site(tmp_path: Path) -> None:
    project = branded("#00594f", "images/logo.svg")
    project.files["images/logo.svg"] = SVG
    project.write(tmp_path)
    result = run(tmp_path, "build", "--as-of", AS_OF.isoformat())
    assert result.code == 0, result.out + result.err
    css = (tmp_path / "site" / "assets" / "ijbdocs.css").read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #00594f;" in css
    assert (tmp_path / "site" / "assets" / "logo.svg").read_text(encoding="utf-8") == SVG
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/logo.svg"' in home
    assert 'href="assets/ijbdocs.css"' in home


def test_build_offers_the_zensical_engine(tmp_path: Path) -> None:
    result = run(tmp_path, "build", "--help")
    assert "--engine {mkdocs,zensical}" in result.out
