"""Accessibility in a real browser: axe-core (WCAG 2.2 AA) on every page type, keyboard
only, and a phone-width screen.

Debian's Chromium (/usr/bin/chromium) is driven by Playwright; no browser is downloaded.
axe-core comes bundled in the axe-playwright-python package. The built sample is served
over HTTP on 127.0.0.1, as a reader's browser would get it.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOTS = Path("/tmp") / "ijbdocs-screenshots"

# one page of every type a reader meets (search results are tested separately)
PAGE_TYPES = {
    "home": "",
    "plan": "plan/",
    "plan chapter": "plan/introduction/",
    "priorities": "plan/priorities/",
    "priority": "plan/priorities/p1/",
    "localities": "plan/localities/",
    "locality": "plan/localities/arran/",
    "outcomes": "plan/national-outcomes/",
    "delivery principles": "plan/delivery-principles/",
    "financial statement": "plan/financial-statement/",
    "housing": "plan/housing/",
    "consultation": "plan/consultation/",
    "equality": "plan/equality/",
    "checklist": "plan/checklist/",
    "meetings": "meetings/",
    "meeting": "meetings/2021-03-18/",
    "meeting to come": "meetings/2027-01-21/",
    "log": "directions/",
    "direction": "directions/NAIJB-2021-001/",
    "easy read": "easy-read/",
    "accessibility statement": "accessibility/",
}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server(built_sample: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(built_sample / "site"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def violations(page: Any) -> list[str]:
    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": TAGS},
                       "resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + "; ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in results.response["violations"]
    ]


def test_every_page_type_has_no_axe_violations(
    built_sample: Path, server: str, browser: Any
) -> None:
    site = built_sample / "site"
    missing = [kind for kind, path in PAGE_TYPES.items() if not (site / path / "index.html")
               .is_file()]
    assert not missing, f"page types not built: {missing}"
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    found = {}
    for kind, path in PAGE_TYPES.items():
        page.goto(server + path, wait_until="domcontentloaded")
        problems = violations(page)
        if problems:
            found[kind] = problems
    page.close()
    assert not found, found


def test_search_results_have_no_axe_violations(server: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server, wait_until="networkidle")
    page.keyboard.press("/")  # Material's shortcut; the same as clicking the search box
    page.keyboard.type("carers")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert page.locator(".md-search-result__item").count() > 0
    problems = violations(page)
    page.close()
    assert not problems, problems


def test_keyboard_alone_reaches_the_first_direction(server: str, browser: Any) -> None:
    """Tab from the top of the log to the first direction's link, press Enter, arrive."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "directions/", wait_until="domcontentloaded")
    first = page.locator("main a[href*='NAIJB-']").first
    target = first.get_attribute("href")
    assert target
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => document.activeElement && document.activeElement.getAttribute('href')")
        if focused == target:
            break
    else:
        pytest.fail(f"200 presses of Tab never reached the link to {target}")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/directions/NAIJB-" in page.url
    assert page.locator("h1").first.inner_text().startswith("NAIJB-")
    page.close()


def test_home_fits_a_375_pixel_phone_without_sideways_scrolling(
    server: str, browser: Any
) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 375, "height": 812})
    for name, path in (("home", ""), ("meeting", "meetings/2021-03-18/"),
                       ("priority", "plan/priorities/p1/")):
        page.goto(server + path, wait_until="networkidle")
        page.screenshot(path=str(SCREENSHOTS / f"{name}-375.png"), full_page=True)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 375, (name, width)
    page.close()
