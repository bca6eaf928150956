"""The built book in a real browser: every page of the table of contents loads cleanly.

For each page in ``_toc.yml`` (one test each, id = the page's path) headless Chromium
checks that

* every resource from the local server loads (no 404, no failed request),
* no script throws,
* every image has loaded (``naturalWidth > 0``),
* MathJax typeset every formula (no raw ``\\(``, ``\\[`` or ``$$`` left, no TeX errors),
* no MyST role, directive or Markdown table reached the page as plain text,
* every exercise solution is hidden until the reader opens it,
* axe-core finds no critical accessibility violation and no serious one in our own
  content (the article body, without the theme's buttons and links); the rest is printed
  and written to ``_build/axe-report.json``,

and saves a full-page screenshot under ``_build/screenshots/``. A second test opens every
solution dropdown on the pages that have one and checks that the solution then shows.

Every request that leaves 127.0.0.1 is aborted and is a failure: the site serves its own
MathJax. ``test_offline_from_disk`` opens ``index.html`` and a chapter over ``file://`` in a
browser context with the network switched off and requires typeset maths there too.

Run with ``make browser`` after ``make book``.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout


# sphinx-thebe 0.3.1 declares this constant twice under Sphinx 7.4; nothing depends on it.
TOLERATED_PAGE_ERRORS = {"Identifier 'THEBE_JS_URL' has already been declared"}

# Theme-made elements that sit inside the article body but are not our content.
THEME_IN_ARTICLE = ("a.headerlink, .copybtn, button.toggle-button, .prev-next-area, "
                    ".prev-next-footer, .bd-article-container > footer")

SETTLE_JS = """async () => {
  // MathJax typesets once its startup promise resolves (if the page loads MathJax at all).
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
  // Lazy images load only when scrolled to: load them all now, then wait for each.
  const imgs = [...document.images];
  imgs.forEach(img => { img.loading = 'eager'; });
  await Promise.race([
    Promise.all(imgs.map(img => img.complete ? null :
      new Promise(done => { img.addEventListener('load', done); img.addEventListener('error', done); }))),
    new Promise(done => setTimeout(done, 10000)),
  ]);
  await document.fonts.ready;
}"""

IMAGES_JS = """() => [...document.images]
  .filter(img => !(img.complete && img.naturalWidth > 0))
  .map(img => img.currentSrc || img.src || img.outerHTML.slice(0, 120))"""

MATHS_JS = r"""() => {
  const raw = /\$\$|\\\(|\\\)|\\\[|\\\]|\\begin\{/;
  const show = el => el.outerHTML.slice(0, 160);
  const maths = [...document.querySelectorAll('span.math, div.math')];
  const problems = [];
  for (const el of maths) {
    if (!el.querySelector('mjx-container')) problems.push('not typeset: ' + show(el));
    else if (el.querySelector('mjx-merror')) {
      const err = el.querySelector('mjx-merror');
      problems.push('TeX error "' + (err.getAttribute('data-mjx-error') || err.textContent) + '" in ' + show(el));
    } else if (raw.test(el.innerText)) problems.push('raw TeX left: ' + show(el));
  }
  // Raw delimiters anywhere in the article's visible prose (outside code) mean maths that
  // MyST did not parse.
  const article = document.querySelector('.bd-article') || document.body;
  const skip = 'pre, code, .highlight, mjx-container, script, style, .math';
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (raw.test(n.textContent) && !n.parentElement.closest(skip)) {
      problems.push('raw TeX in text: "' + n.textContent.trim().slice(0, 100) + '"');
    }
  }
  return problems;
}"""

# MyST roles and directives, or a Markdown table, that reached the page as plain text (for
# example a {glue:text} role inside $...$, or a Markdown() table output that the commonmark
# renderer does not turn into a table).
MARKUP_JS = r"""() => {
  const markup = new RegExp([
    String.raw`\{(glue(:\w+)?|term|ref|numref|cite(:\w+)?|eq|doc|prf:\w+|download|abbr)\}`,
    String.raw`\{(exercise|solution(-start|-end)?|admonition|figure|note|warning|tip|code-cell|bibliography)\}`,
    // a Markdown table's separator row; smartquotes may have turned --- into an em dash
    String.raw`\|\s*:?[-—–]+:?\s*\|\s*:?[-—–]+:?\s*\|`,
  ].join('|'));
  const problems = [];
  const article = document.querySelector('.bd-article') || document.body;
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (markup.test(n.textContent) && !n.parentElement.closest('pre, script, style, mjx-container')) {
      const block = n.parentElement.closest('p, li, td, th, dd, dt, h1, h2, h3, h4, figcaption') || n.parentElement;
      problems.push('"' + block.textContent.trim().replace(/\s+/g, ' ').slice(0, 140) + '"');
    }
  }
  // The TeX source of every formula MathJax found: a role there is never expanded.
  if (window.MathJax && MathJax.startup && MathJax.startup.document) {
    for (const item of MathJax.startup.document.math) {
      if (markup.test(item.math) || item.math.includes('`')) problems.push('in maths: ' + item.math.trim().replace(/\s+/g, ' ').slice(0, 140));
    }
  }
  return problems;
}"""

VISIBLE_JS = """el => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
  && el.getBoundingClientRect().height > 0"""

# For every solution: its title, and whether anything besides the title is visible.
SOLUTIONS_JS = """() => [...document.querySelectorAll('.solution.admonition, .solution')]
  .filter((el, i, all) => !all.some(o => o !== el && o.contains(el)))
  .map(sol => {
    const visible = el => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
                          && el.getBoundingClientRect().height > 0;
    const body = [...sol.children].filter(c => !c.classList.contains('admonition-title'));
    const title = sol.querySelector('.admonition-title');
    return {id: sol.id, title: title ? title.innerText.trim() : sol.outerHTML.slice(0, 80),
            has_toggle: !!sol.querySelector('.admonition-title button.toggle-button'),
            body_visible: body.some(visible)};
  })"""

AXE_RUN_JS = """async (chrome) => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => {
      const sel = n.target.length === 1 && typeof n.target[0] === 'string' ? n.target[0] : null;
      const el = sel ? document.querySelector(sel) : null;
      return {target: n.target, html: n.html, impact: n.impact, summary: n.failureSummary,
              in_content: !!(el && el.closest('.bd-article') && !el.closest(chrome))};
    }),
  }));
}"""


def audit(page, path: str, axe_js, results: dict) -> list[str]:
    """Run axe-core; store the violations in ``results``; return those that fail the test."""
    page.add_script_tag(path=str(axe_js))
    violations = page.evaluate(AXE_RUN_JS, THEME_IN_ARTICLE)
    failing, reported = [], []
    for v in violations:
        bad = [n for n in v["nodes"] if n["impact"] == "critical"
               or (n["impact"] == "serious" and n["in_content"])]
        rest = [n for n in v["nodes"] if n not in bad]
        if bad:
            failing.append({**v, "nodes": bad})
        if rest:
            reported.append({**v, "nodes": rest})
    results[path] = {"failing": failing, "reported": reported}
    return [f"{n['impact']} {v['id']} ({v['help']}): {n['html'][:160]}\n      {n['summary']}"
            .replace("\n  ", "\n        ") for v in failing for n in v["nodes"]]


def test_page(visit, paths, axe_results, toc_page):
    """Runs once per page of ``_toc.yml`` (``pytest_generate_tests`` in conftest.py)."""
    path = toc_page
    html = paths.site / f"{path}.html"
    assert html.exists(), f"{path} is in _toc.yml but {html} was not built"
    v = visit(path)
    page = v.page  # from here on, the browser tab
    page.evaluate(SETTLE_JS)
    page.wait_for_load_state("networkidle")

    problems: dict[str, list[str]] = {}
    problems["missing local resources"] = v.bad_responses + v.failed_requests
    problems["script errors"] = [e for e in v.page_errors if e not in TOLERATED_PAGE_ERRORS]
    problems["requests that left 127.0.0.1 (the site must work offline)"] = v.aborted
    problems["widget JavaScript requested (widget state must not be stored; "
             "scripts/execute_notebooks.py strips it)"] = v.widget_js
    problems["images not loaded"] = page.evaluate(IMAGES_JS)
    problems["maths not rendered"] = page.evaluate(MATHS_JS)
    problems["MyST or Markdown markup shown as plain text"] = page.evaluate(MARKUP_JS)
    problems["solutions visible before they are clicked"] = [
        f"{s['title']!r} (id {s['id']}; has toggle: {s['has_toggle']})"
        for s in page.evaluate(SOLUTIONS_JS) if s["body_visible"]]

    shot = paths.screenshots / f"{path}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot), full_page=True)

    problems["accessibility (axe-core)"] = audit(page, path, paths.axe_js, axe_results)

    problems = {kind: found for kind, found in problems.items() if found}
    if problems:
        pytest.fail(f"{v.url} (screenshot {shot}):\n{format_problems(problems)}", pytrace=False)


def format_problems(problems: dict[str, list[str]], limit: int = 12) -> str:
    """One block per kind of problem; repeated lines counted, long lists cut short."""
    lines = []
    for kind, found in problems.items():
        counts = dict.fromkeys(found, 0)
        for item in found:
            counts[item] += 1
        items = [f"{item} (x{n})" if n > 1 else item for item, n in counts.items()]
        lines.append(f"  {kind}:")
        lines += [f"    - {item}" for item in items[:limit]]
        if len(items) > limit:
            lines.append(f"    ... and {len(items) - limit} more")
    return "\n".join(lines)


def test_solutions_open_on_click(visit, solution_pages):
    """Every solution dropdown is closed at first and shows its text once its toggle is clicked."""
    pages = solution_pages
    assert pages, "no page in _toc.yml has an exercise solution; nothing to click"
    problems = []
    for path in pages:
        v = visit(path, wait_until="domcontentloaded")  # the toggles exist from then on
        page = v.page
        solutions = page.locator(".solution.admonition")
        for i in range(solutions.count()):
            sol = solutions.nth(i)
            title = sol.locator(".admonition-title").inner_text().strip()
            body = sol.locator(":scope > :not(.admonition-title)")
            if any(body.nth(j).evaluate(VISIBLE_JS) for j in range(body.count())):
                problems.append(f"{path}: {title!r} is visible before the click")
                continue
            toggle = sol.locator(".admonition-title button.toggle-button")
            if toggle.count() != 1:
                problems.append(f"{path}: {title!r} has no toggle button")
                continue
            toggle.click()
            try:
                page.wait_for_function(
                    f"sol => [...sol.children].some(c => !c.classList.contains('admonition-title') "
                    f"&& ({VISIBLE_JS})(c))", arg=sol.element_handle(), timeout=3000)
            except PlaywrightTimeout:
                problems.append(f"{path}: {title!r} stays hidden after clicking its toggle")
                continue
            text = sol.inner_text()
            if len(text.replace(title, "").strip()) == 0:
                problems.append(f"{path}: {title!r} opens but shows no text")
    if problems:
        pytest.fail("exercise solutions:\n" + "\n".join(f"  - {p}" for p in problems), pytrace=False)


OFFLINE_PAGES = ["index", "book/03_slashing"]


def test_offline_from_disk(browser, paths):
    """The built site opened from disk (file://) with the network off still typesets maths."""
    problems = []
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 900})
    try:
        for name in OFFLINE_PAGES:
            page = context.new_page()
            outside = []
            page.on("request", lambda r: not r.url.startswith("file:") and
                    not r.url.startswith("data:") and outside.append(r.url))
            page.goto((paths.site / f"{name}.html").as_uri(), wait_until="load")
            page.wait_for_function("() => window.MathJax && MathJax.startup && "
                                   "MathJax.startup.document && "
                                   "document.querySelector('mjx-container')", timeout=20_000)
            page.evaluate(SETTLE_JS)
            n = page.evaluate("() => document.querySelectorAll('mjx-container').length")
            if n == 0:
                problems.append(f"{name}: no typeset formula")
            problems += [f"{name}: {p}" for p in page.evaluate(MATHS_JS)]
            problems += [f"{name}: asked the network for {u}" for u in outside]
            page.locator("mjx-container").last.scroll_into_view_if_needed()
            shot = paths.screenshots / f"offline-{name.replace('/', '-')}.png"
            shot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shot))
            page.close()
    finally:
        context.close()
    assert not problems, "\n".join(problems)
