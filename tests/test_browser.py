"""Browser tests: Playwright driving Debian's headless chromium over the report and the served Datasette.

Needs /usr/bin/chromium (`make browser` installs it). The network is cut for every page
(only file:// and the local Datasette answer), so these also show the report works offline.
Screenshots go to test-artifacts/.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import analyst_fixture as fx
from khabar import report_html

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("KHABAR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("no chromium: run `make browser`")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, timeout=60_000)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return fx.build(tmp_path_factory.mktemp("browser") / "store.sqlite")


def _page(browser, allow: str | None = None):
    """A page whose dialogs are recorded (and dismissed) and whose network stops at `allow`."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(20_000)
    dialogs: list[str] = []

    def on_dialog(d):
        dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)

    def route(r):
        url = r.request.url
        if url.startswith(("file:", "data:")) or (allow and url.startswith(allow)):
            return r.continue_()
        return r.abort()

    page.route("**/*", route)
    return page, dialogs


def test_report_map_timeline_rtl_and_escaping_in_chromium(browser, store):
    out = store.with_suffix(".html")
    report_html.write_report(store, out)
    page, dialogs = _page(browser)
    try:
        page.goto(out.as_uri())
        page.wait_for_selector("path.event-marker", state="attached")
        markers = page.locator("path.event-marker").count()
        entries = page.locator(".timeline-entry").count()
        assert markers == fx.N_LOCATED_EVENTS
        assert entries == fx.N_LOCATED_EVENTS
        assert page.locator("path.flow-line").count() == 1
        assert page.locator("section.event").count() == fx.N_EVENTS
        ar = page.locator('blockquote.evidence[lang="ar"]').first
        assert ar.evaluate("e => getComputedStyle(e).direction") == "rtl"
        fr = page.locator('blockquote.evidence[lang="fr"]').first
        assert fr.evaluate("e => getComputedStyle(e).direction") == "ltr"
        body = page.inner_text("body")
        assert "<script>alert(1)</script>" in body
        assert "<img src=x onerror=alert(1)>" in body
        assert page.locator("section.event img").count() == 0          # the <img onerror> never became an element
        # clicking a marker opens its popup, built from text nodes
        page.locator("path.event-marker").first.click(force=True)
        page.wait_for_selector(".leaflet-popup-content .popup")
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / "report.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        page.wait_for_timeout(200)
        assert dialogs == []
    finally:
        page.close()


def test_served_datasette_map_search_and_escaping_in_chromium(browser, store):
    name = store.stem
    with fx.Served(store) as srv:
        page, dialogs = _page(browser, allow=srv.url)
        try:
            # events: the cluster map shows every located event (clusters count their members)
            page.goto(f"{srv.url}/{name}/events")
            page.wait_for_selector(".leaflet-marker-icon", state="attached")
            page.wait_for_timeout(500)
            shown = page.evaluate("""() => {
                let n = 0;
                for (const m of document.querySelectorAll('.leaflet-marker-icon')) {
                    n += m.classList.contains('marker-cluster') ? parseInt(m.innerText, 10) : 1;
                }
                return n; }""")
            assert shown == fx.N_LOCATED_EVENTS
            page.wait_for_timeout(1000)        # let the map finish fitting its bounds before the screenshot
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "datasette-events.png"), full_page=True)
            # claims: hostile markup in a report shows as text, no dialog fires
            page.goto(f"{srv.url}/{name}/claims?_search=guards")
            page.wait_for_selector("table.rows-and-columns")
            body = page.inner_text("body")
            assert "<script>alert(1)</script>" in body and "<img src=x onerror=alert(1)>" in body
            assert page.locator("table.rows-and-columns tbody tr").count() == 1
            page.goto(f"{srv.url}/{name}/reports/r-xss")
            page.wait_for_selector("body")
            assert "<script>alert(1)</script> headline" in page.inner_text("body")
            page.goto(f"{srv.url}/{name}/claims?_facet=type&_facet=lang")
            page.wait_for_selector(".facet-results")
            assert page.locator(".facet-info").count() >= 2
            page.screenshot(path=str(ARTIFACTS / "datasette-claims.png"), full_page=True)
            page.wait_for_timeout(200)
            assert dialogs == []
        finally:
            page.close()
