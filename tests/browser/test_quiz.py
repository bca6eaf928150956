"""Quick checks on the built pages: answered wrongly, then rightly, from the keyboard.

For every chapter page that holds a quiz, one question is answered wrongly and then rightly
(a number question where the chapter has one, typed and submitted with Enter; otherwise a
choice picked with the arrow keys and checked with the button); the live region must say
"Not quite" with the right answer and the reason, then "Right" with the reason. A question
checked with no answer asks for one. axe-core then audits the answered quiz: no serious
or critical violation. Screenshots of chapter 3's quiz in both states go to
``_build/screenshots/quiz-ch03-wrong.png`` and ``quiz-ch03-right.png``.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import PAGES, SITE

QUIZ_PAGES = [p for p in PAGES if (SITE / f"{p}.html").exists()
              and 'class="sq-quiz"' in (SITE / f"{p}.html").read_text(encoding="utf-8")]

AXE_QUIZ_JS = """async () => {
  const r = await axe.run({include: [['.sq-quiz']]}, {resultTypes: ['violations']});
  return r.violations.flatMap(v => v.nodes
    .filter(n => n.impact === 'serious' || n.impact === 'critical')
    .map(n => v.impact + ' ' + v.id + ': ' + n.html.slice(0, 120)));
}"""


def _pick(page):
    """The form to answer: the first number question, else the first question."""
    forms = page.locator("form.sq-q")
    numbers = page.locator('form.sq-q[data-kind="number"]')
    return numbers.first if numbers.count() else forms.first


def _feedback(form):
    return form.locator(".sq-feedback").inner_text().strip()


def _answer_number(form, text):
    box = form.locator("input[type=text]")
    box.fill("")
    box.focus()
    box.page.keyboard.type(text)
    box.page.keyboard.press("Enter")


def _answer_choice(form, index):
    page = form.page
    radios = form.locator("input[type=radio]")
    radios.first.focus()
    page.keyboard.press("Space")  # selects the first option
    for _ in range(index):
        page.keyboard.press("ArrowDown")
    form.locator("button.sq-check").click()


def test_every_chapter_has_a_quiz():
    chapters = [p for p in PAGES if re.search(r"/\d\d_", p)]
    assert chapters and set(chapters) <= set(QUIZ_PAGES), sorted(set(chapters) - set(QUIZ_PAGES))


@pytest.mark.parametrize("path", QUIZ_PAGES)
def test_quiz_wrong_then_right(visit, paths, path):
    v = visit(path, wait_until="load")
    page = v.page
    page.wait_for_function("() => window.seqlearnQuiz !== undefined")
    assert page.locator("section.sq-quiz").count() == 1
    form = _pick(page)
    form.scroll_into_view_if_needed()
    explain = form.get_attribute("data-explain")
    solution = form.get_attribute("data-solution").rstrip(".")
    assert form.locator('[role="status"][aria-live="polite"]').count() == 1

    # no answer yet
    form.locator("button.sq-check").click()
    assert "first" in _feedback(form)

    if form.get_attribute("data-kind") == "number":
        answer = float(form.get_attribute("data-answer"))
        _answer_number(form, repr(answer * 2 + 1))
        wrong = _feedback(form)
        assert form.locator("input").get_attribute("aria-invalid") == "true"
        right_text = f"{answer:,.10g}"
        _answer_number(form, right_text)
    else:
        answer = int(form.get_attribute("data-answer"))
        n = form.locator("input[type=radio]").count()
        _answer_choice(form, (answer + 1) % n)
        wrong = _feedback(form)
        _answer_choice(form, answer)
    assert wrong.startswith("\u2717 Not quite"), wrong
    assert solution in wrong and explain in wrong, wrong
    right = _feedback(form)
    assert right.startswith("\u2713 Right."), right
    assert explain in right
    assert "sq-right" in form.get_attribute("class")

    # a choice question on every page answered from the keyboard alone as well
    choice = page.locator('form.sq-q[data-kind="choice"]').first
    if choice.count():
        _answer_choice(choice, int(choice.get_attribute("data-answer")))
        assert _feedback(choice).startswith("\u2713 Right.")

    chapter = page.locator("section.sq-quiz").get_attribute("data-chapter")
    if chapter == "ch03":
        shots = paths.screenshots
        shots.mkdir(parents=True, exist_ok=True)
        quiz = page.locator("section.sq-quiz")
        # the answered question is right now; answer it wrongly again for the other shot
        quiz.screenshot(path=str(shots / "quiz-ch03-right.png"))
        if form.get_attribute("data-kind") == "number":
            _answer_number(form, repr(float(form.get_attribute("data-answer")) * 2 + 1))
        else:
            n = form.locator("input[type=radio]").count()
            _answer_choice(form, (int(form.get_attribute("data-answer")) + 1) % n)
        quiz.screenshot(path=str(shots / "quiz-ch03-wrong.png"))

    page.add_script_tag(path=str(paths.axe_js))
    serious = page.evaluate(AXE_QUIZ_JS)
    assert not serious, json.dumps(serious, indent=1)
    assert not [e for e in v.page_errors if "THEBE_JS_URL" not in e], v.page_errors


def test_notebook_quiz_works_inline(browser):
    """What ``seqlearn.quizzes.quiz("ch04")`` shows in Jupyter: the HTML with its script
    inline, working on its own (no page script, no network)."""
    from seqlearn import quizzes

    page = browser.new_page()
    try:
        page.set_content("<!doctype html><html lang='en'><body>"
                         + quizzes.to_html("ch04", inline_script=True) + "</body></html>")
        form = _pick(page)
        answer = float(form.get_attribute("data-answer"))
        _answer_number(form, repr(answer + 7))
        assert _feedback(form).startswith("\u2717 Not quite")
        _answer_number(form, f"{answer:g}")
        assert _feedback(form).startswith("\u2713 Right.")
    finally:
        page.close()
