"""Fuzz baselines for seqlearn.quizzes."""

_Q = dict(id="ch01-x", kind="number", question="How many?", answer=2.0, rel_tol=0.01,
          unit="blocks", explain="Two.")

BASELINES = {
    "chapters": dict(),
    "questions": dict(chapter="ch01"),
    "validate_question": dict(q=_Q),
    "is_correct": dict(question=_Q, response="2"),
    "format_answer": dict(question=_Q),
    "to_html": dict(chapter="ch01", inline_script=False),
    "to_text": dict(chapter="ch01"),
    "script": dict(),
    "Quiz": dict(chapter="ch01"),
    "quiz": dict(chapter="ch01"),
    "directive": dict(chapter="ch01"),
    "notebook_source": dict(chapter="ch01"),
}
