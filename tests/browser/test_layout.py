"""Readable at phone and laptop width: no sideways scrolling of code or tables, and figure
text that stays large enough once the figure is scaled into the column.

Each chapter is opened at 390 px (a phone) and 1280 px (a laptop). The test fails when

* a code block, an output block or a table is wider than the column (it would scroll
  sideways or be clipped), or
* the smallest text of a figure renders below ``MIN_FIGURE_TEXT_PX``. A figure is a PNG
  whose resolution (the pHYs chunk matplotlib writes) is known, and whose smallest text is
  the house style's smallest font (``SMALLEST_FONT_PT``), so its rendered size is
  ``pt / 72 x dpi x shown width / natural width``.

A screenshot of each page at each width is saved under ``_build/screenshots/layout/``.
"""

from __future__ import annotations

import struct
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

BOOK = Path(__file__).resolve().parents[2]


def _toc_files(entries) -> list[str]:
    files = []
    for entry in entries or []:
        if "file" in entry:
            files.append(entry["file"])
        for key in ("parts", "chapters", "sections"):
            files += _toc_files(entry.get(key))
    return files


PAGES = _toc_files([yaml.safe_load((BOOK / "_toc.yml").read_text())])

#: The smallest font size any figure of seqlearn.plotting uses (annotations, legends).
SMALLEST_FONT_PT = 9
#: Smallest acceptable rendered figure text, in CSS px, at each viewport width.
MIN_FIGURE_TEXT_PX = {390: 7.0, 1280: 9.0}
CHAPTER_PAGES = [p for p in PAGES if Path(p).name[:2].isdigit()]

OVERFLOW_JS = """() => {
  const main = document.querySelector('article') || document.body;
  const bad = [];
  for (const el of main.querySelectorAll('pre, table')) {
    if (el.closest('.MathJax, mjx-container')) continue;
    if (el.offsetParent === null) continue;            // hidden (folded solution)
    const over = el.scrollWidth - el.clientWidth;
    if (over > 2) {
      bad.push(`${el.tagName.toLowerCase()} ${over}px too wide: ` +
               el.textContent.trim().slice(0, 70).replace(/\\s+/g, ' '));
    }
  }
  return bad;
}"""

IMAGES_JS = """() => [...document.querySelectorAll('article img')]
  .filter(img => img.offsetParent !== null && img.naturalWidth > 0)
  .map(img => ({src: img.currentSrc || img.src, natural: img.naturalWidth,
                shown: img.getBoundingClientRect().width}))"""


def png_dpi(path: Path) -> float | None:
    """The horizontal resolution a PNG declares (pHYs chunk, pixels per metre), in dpi."""
    data = path.read_bytes()
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return None
    i = 8
    while i + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[i:i + 8])
        if kind == b"pHYs":
            ppu_x, _, unit = struct.unpack(">IIB", data[i + 8:i + 17])
            return ppu_x * 0.0254 if unit == 1 else None
        if kind == b"IDAT":
            return None
        i += 12 + length
    return None


#: Pages known to fail, with the reason; strict, so a fix shows up as a failure to remove
#: the entry.
KNOWN: dict[tuple[str, int], str] = {}


def _cases():
    for path in CHAPTER_PAGES:
        for width in sorted(MIN_FIGURE_TEXT_PX):
            marks = ([pytest.mark.xfail(strict=True, reason=KNOWN[path, width])]
                     if (path, width) in KNOWN else [])
            yield pytest.param(path, width, marks=marks, id=f"{path}-{width}")


@pytest.mark.parametrize("path, width", list(_cases()))
def test_fits_the_column(browser, site_url, paths, path, width):
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  service_workers="block")
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(site_url)
                  else r.abort())
    page = context.new_page()
    try:
        page.goto(f"{site_url}{path}.html", wait_until="load")
        page.evaluate("""async () => { if (window.MathJax && MathJax.startup)
                                           await MathJax.startup.promise; }""")
        problems = [f"{width}px: {p}" for p in page.evaluate(OVERFLOW_JS)]
        for img in page.evaluate(IMAGES_JS):
            local = paths.site / unquote(urlsplit(img["src"]).path.lstrip("/"))
            dpi = png_dpi(local) if local.exists() else None
            if not dpi:
                continue
            px = SMALLEST_FONT_PT / 72 * dpi * img["shown"] / img["natural"]
            if px < MIN_FIGURE_TEXT_PX[width]:
                problems.append(f"{width}px: figure {local.name} text {px:.1f}px "
                                f"(< {MIN_FIGURE_TEXT_PX[width]}px; {img['natural']}px "
                                f"at {dpi:.0f} dpi shown {img['shown']:.0f}px wide)")
        shot = paths.screenshots / "layout" / f"{path.replace('/', '-')}-{width}.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shot), full_page=False)
    finally:
        context.close()
    assert not problems, f"{path}:\n  " + "\n  ".join(problems)
