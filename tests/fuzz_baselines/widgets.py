"""Fuzz baselines for seqlearn.widgets."""

SKIP = {"explorer": "builds live ipywidgets around any render function; it is exercised "
                    "by tests/test_widgets.py with real controls"}
BASELINES = {}
