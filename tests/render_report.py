"""Render `perfgoals report` in headless Chromium, check it, and save a screenshot.

    .venv/bin/python tests/render_report.py [--db FILE] [--screenshot PNG]

Without --db it ingests samples/ into a temporary warehouse first. The page
fails the check when it logs a console error or warning, throws, opens a
dialog (a unit name that ran as script), asks the network for anything, or
draws fewer charts than it has containers for. Exit 0 when it passes, 1 with
the problems otherwise, 2 when Chromium is not installed.

Chromium is Debian's package (`apt-get install chromium`), driven by
Playwright's Python client; Playwright's own browser download is not needed.
`tests/perfgoals/test_report_browser.py` runs this in the test suite and is
skipped, with that reason in the summary, where Chromium is missing.
`--screenshot docs/report.png` refreshes the README's picture.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# As on this machine's probe: no background connections (the network is closed), a fresh profile per launch.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1200, "height": 1500}
RENDER_TIMEOUT_MS = 30_000


def chromium_path() -> str | None:
    """Debian's Chromium ($PERFGOALS_CHROMIUM first), or None when it is not installed."""
    for candidate in (os.environ.get("PERFGOALS_CHROMIUM"), "chromium", "chromium-browser"):
        found = candidate and shutil.which(candidate)
        if found:
            return found
    return None


@dataclass
class Rendered:
    """What the browser saw: problems (empty when the page is fine) and how many charts it drew."""

    problems: list[str] = field(default_factory=list)
    n_containers: int = 0
    n_drawn: int = 0
    open_sections: list[str] = field(default_factory=list)


def render(html: Path, screenshot: Path | None = None, *, full_page: bool = False, fragment: str = "") -> Rendered:
    """Open ``html`` (at ``#fragment``, if given) in headless Chromium with the network cut off, wait for the
    charts, check, screenshot."""
    from playwright.sync_api import sync_playwright

    seen = Rendered()
    page_url = html.resolve().as_uri()

    def on_request(route, request) -> None:
        if request.url.split("#")[0] == page_url:
            route.continue_()
        else:
            seen.problems.append(f"network request: {request.url}")
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=VIEWPORT)
            page.on("console", lambda m: m.type in ("error", "warning") and seen.problems.append(
                f"console {m.type}: {m.text}"))
            page.on("pageerror", lambda e: seen.problems.append(f"uncaught error: {e}"))
            page.on("dialog", lambda d: (seen.problems.append(f"dialog opened: {d.message}"), d.dismiss()))
            page.route("**/*", on_request)
            page.goto(page_url + (f"#{fragment}" if fragment else ""), wait_until="load")
            seen.n_containers = page.locator(".chart").count()
            if seen.n_containers:
                page.wait_for_function(
                    "n => document.querySelectorAll('.chart svg.marks').length >= n", arg=seen.n_containers,
                    timeout=RENDER_TIMEOUT_MS)
            seen.n_drawn = page.locator(".chart svg.marks").count()
            seen.open_sections = page.eval_on_selector_all("details[open]", "nodes => nodes.map(n => n.id)")
            if screenshot is not None:
                page.screenshot(path=str(screenshot), full_page=full_page)
        finally:
            browser.close()
    if seen.n_drawn < seen.n_containers:
        seen.problems.append(f"{seen.n_drawn} of {seen.n_containers} charts drawn")
    return seen


def _sample_report(folder: Path, db: Path | None) -> Path:
    """The report of ``db``, or of samples/ ingested into a new warehouse in ``folder``."""
    from typer.testing import CliRunner

    from perfgoals.cli import app

    runner = CliRunner()
    if db is None:
        db = folder / "samples.duckdb"
        runner.invoke(app, ["ingest", str(ROOT / "samples"), "--db", str(db)])
    out = folder / "report.html"
    result = runner.invoke(app, ["report", "--db", str(db), "--out", str(out)])
    if result.exit_code != 0:
        raise SystemExit(f"perfgoals report failed: {result.output}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="warehouse to report on (default: samples/ ingested anew)")
    parser.add_argument("--screenshot", type=Path, default=Path("report.png"), help="PNG to write")
    parser.add_argument("--full-page", action="store_true", help="the whole page, not the first screen")
    args = parser.parse_args(argv)
    if chromium_path() is None:
        print("Chromium is not installed (Debian: apt-get install chromium); nothing was rendered.", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        seen = render(_sample_report(Path(folder), args.db), args.screenshot, full_page=args.full_page)
    for problem in seen.problems:
        print(problem, file=sys.stderr)
    print(f"{seen.n_drawn} charts drawn, {len(seen.problems)} problems; screenshot: {args.screenshot}")
    return 1 if seen.problems else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
