"""The generic explorer binding."""

from __future__ import annotations

import ipywidgets as w
import pytest

from seqlearn.widgets import explorer


def test_explorer_calls_render_with_control_values():
    seen = []
    slider = w.FloatSlider(value=0.5, min=0, max=1)
    box = explorer(lambda x: seen.append(x), {"x": slider})
    assert isinstance(box, w.VBox)
    slider.value = 0.25
    assert seen[-1] == 0.25
    assert slider.continuous_update is False


def test_explorer_rejects_bad_arguments():
    with pytest.raises(TypeError, match="render must be callable"):
        explorer(42, {"x": w.IntSlider()})
    with pytest.raises(TypeError, match="controls"):
        explorer(print, {})


# --- Issue 7: explorer render functions reject what would hang -----------------------------

def test_bisection_render_bounds_log2_steps():
    import time

    from seqlearn.widgets import fraudproof as wf
    t0 = time.perf_counter()
    with pytest.raises(ValueError, match="log2_steps"):
        wf.render(**{**wf.DEFAULTS, "log2_steps": 10**30})
    assert time.perf_counter() - t0 < 1.0


def test_rollup_setting_rejects_nan_outage():
    from seqlearn.widgets import rollup as wr
    with pytest.raises(ValueError, match="outage_minutes"):
        wr.simulate_setting(**{**wr.DEFAULTS, "outage_minutes": float("nan")})
