"""Fixtures for the browser test: the built site on a local server, and headless Chromium.

The test reads the book's table of contents (``_toc.yml``) and opens every page in
Debian's Chromium (``/usr/bin/chromium``) through Playwright. The site must work with no
network at all: it serves its own MathJax (``_ext/offline_assets.py``), and every request
that leaves 127.0.0.1 is aborted and listed (``test_page`` fails on any). Nothing is
answered from a local stand-in for a CDN.

Paths can be changed with environment variables:

``SEQLEARN_BOOK``   folder holding ``_toc.yml`` (default: the repository root);
``SEQLEARN_SITE``   the built HTML (default: ``$SEQLEARN_BOOK/_build/html``);
``SEQLEARN_CHROMIUM``  the browser (default: ``/usr/bin/chromium``).

Screenshots go to ``<site>/../screenshots/`` and the accessibility report to
``<site>/../axe-report.json`` (``_build/screenshots`` and ``_build/axe-report.json``).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

HERE = Path(__file__).resolve().parent
BOOK = Path(os.environ.get("SEQLEARN_BOOK", HERE.parents[1])).resolve()
SITE = Path(os.environ.get("SEQLEARN_SITE", BOOK / "_build" / "html")).resolve()
SCREENSHOTS = SITE.parent / "screenshots"
AXE_REPORT = SITE.parent / "axe-report.json"
NODE_MODULES = HERE / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("SEQLEARN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}

# The widget manager scripts that myst-nb adds when a notebook stores widget state.
WIDGET_JS = re.compile(r"require(?:\.min)?\.js|@jupyter-widgets/")


# --------------------------------------------------------------------------- pages


def toc_files(toc: dict) -> list[str]:
    """Every ``file`` entry of a Jupyter Book ``_toc.yml``, in reading order."""
    files: list[str] = []

    def walk(entries):
        for entry in entries or []:
            if "glob" in entry:
                raise ValueError(f"_toc.yml: glob entries are not supported here: {entry!r}")
            if "file" in entry:
                files.append(entry["file"])
            for key in ("parts", "chapters", "sections"):
                walk(entry.get(key))

    if "root" in toc:
        files.append(toc["root"])
    for key in ("parts", "chapters", "sections"):
        walk(toc.get(key))
    return files


def page_path(toc_file: str) -> str:
    """``book/01_sequencers.ipynb`` or ``book/01_sequencers`` -> ``book/01_sequencers``."""
    return re.sub(r"\.(ipynb|md|rst)$", "", toc_file)


PAGES = [page_path(f) for f in toc_files(yaml.safe_load((BOOK / "_toc.yml").read_text()))]


def pytest_generate_tests(metafunc):
    """A test that takes ``toc_page`` runs once per table-of-contents page, id = its path."""
    if "toc_page" in metafunc.fixturenames:
        metafunc.parametrize("toc_page", PAGES, ids=PAGES)


@dataclass(frozen=True)
class Paths:
    site: Path = SITE
    screenshots: Path = SCREENSHOTS
    axe_report: Path = AXE_REPORT
    axe_js: Path = AXE_JS


@pytest.fixture(scope="session")
def paths() -> Paths:
    return Paths()


@pytest.fixture(scope="session")
def solution_pages() -> list[str]:
    """The table-of-contents pages whose built HTML holds an exercise solution."""
    return [p for p in PAGES if (SITE / f"{p}.html").exists()
            and 'class="solution' in (SITE / f"{p}.html").read_text(encoding="utf-8")]


# --------------------------------------------------------------------------- server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass


@pytest.fixture(scope="session")
def site_url():
    """The built site served by a Python http.server thread on a free 127.0.0.1 port."""
    if not (SITE / "index.html").exists():
        pytest.fail(f"no built site at {SITE}: run `make book` first (or set SEQLEARN_SITE)",
                    pytrace=False)
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser():
    missing = [str(p) for p in (AXE_JS,) if not p.exists()]
    if missing:
        pytest.fail(f"missing {missing}: run `make browser-deps` (npm ci in tests/browser)",
                    pytrace=False)
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"no browser at {CHROMIUM}: run `make browser-deps` (apt-get install chromium)",
                    pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """One page opened in the browser, with what happened on the network and in its scripts."""

    page: object
    url: str
    bad_responses: list[str] = field(default_factory=list)  # local URL answered >= 400
    failed_requests: list[str] = field(default_factory=list)  # local URL that never loaded
    page_errors: list[str] = field(default_factory=list)  # uncaught exceptions
    aborted: list[str] = field(default_factory=list)  # outside URLs we refused
    widget_js: list[str] = field(default_factory=list)  # widget-manager scripts requested


@pytest.fixture
def visit(browser, site_url):
    """``visit(path)`` opens ``<site>/<path>.html`` and returns a :class:`Visit`."""
    contexts = []

    def open_page(path: str, wait_until: str = "load") -> Visit:
        context = browser.new_context(viewport=VIEWPORT, service_workers="block")
        contexts.append(context)
        page = context.new_page()
        v = Visit(page=page, url=f"{site_url}{path}.html")

        def answer(route):
            request = route.request
            url = request.url
            if url.startswith(site_url) or urlsplit(url).scheme not in ("http", "https"):
                route.continue_()
                return
            if WIDGET_JS.search(url):
                v.widget_js.append(url)
            v.aborted.append(url)
            ABORTED.setdefault(url, set()).add(urlsplit(v.url).path)
            route.abort()

        context.route("**/*", answer)
        page.on("response", lambda r: r.url.startswith(site_url) and r.status >= 400
                and v.bad_responses.append(f"{r.status} {r.url}"))
        page.on("requestfailed", lambda r: r.url.startswith(site_url)
                and v.failed_requests.append(f"{r.failure} {r.url}"))
        page.on("pageerror", lambda e: v.page_errors.append(str(e.message or e)))
        page.goto(v.url, wait_until=wait_until, timeout=30_000)
        return v

    yield open_page
    for context in contexts:
        context.close()


# --------------------------------------------------------------------------- axe report

AXE_RESULTS: dict[str, dict] = {}  # page path -> {"failing": [...], "reported": [...]}
ABORTED: dict[str, set[str]] = {}  # outside URL -> pages that asked for it


@pytest.fixture(scope="session")
def axe_results() -> dict[str, dict]:
    """Where each page test stores its axe-core violations, for the report."""
    return AXE_RESULTS


def pytest_sessionfinish(session, exitstatus):
    # Under pytest-xdist each worker writes its part; the controller (which runs no page)
    # joins the parts into one report, before the terminal summary reads it.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        part = AXE_REPORT.with_name(f"{AXE_REPORT.stem}.{worker}.json")
        part.parent.mkdir(parents=True, exist_ok=True)
        part.write_text(json.dumps(AXE_RESULTS))
        return
    for part in sorted(AXE_REPORT.parent.glob(f"{AXE_REPORT.stem}.gw*.json")):
        AXE_RESULTS.update(json.loads(part.read_text()))
        part.unlink()
    if AXE_RESULTS:
        AXE_REPORT.parent.mkdir(parents=True, exist_ok=True)
        AXE_REPORT.write_text(json.dumps(AXE_RESULTS, indent=1, sort_keys=True) + "\n")


def pytest_terminal_summary(terminalreporter):
    tr = terminalreporter
    if ABORTED:
        tr.section("outside requests aborted (the test runs offline)")
        for url, where in sorted(ABORTED.items()):
            tr.write_line(f"{url}  <- {', '.join(sorted(where))}")
    if not AXE_RESULTS:
        return
    tr.section("axe-core accessibility report (not failing)")
    counts: dict[tuple[str, str, str], list[str]] = {}  # (impact, rule, help) -> pages
    for path, result in AXE_RESULTS.items():
        for v in result["reported"]:
            counts.setdefault((v["impact"], v["id"], v["help"]), []).append(
                f"{path} ({len(v['nodes'])})")
    order = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
    for (impact, rule, help_), where in sorted(counts.items(),
                                               key=lambda kv: (order.get(kv[0][0], 9), kv[0][1])):
        tr.write_line(f"{impact:9} {rule}: {help_}")
        tr.write_line(f"          on {', '.join(where)}")
    tr.write_line(f"full report: {AXE_REPORT}")
