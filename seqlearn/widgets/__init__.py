"""A thin layer that binds ipywidgets controls to a model and a plot function.

A chapter's explorer is one call to :func:`explorer`: the callback computes with a tested
model function and draws with a tested plotting function, nothing else. Topic modules
(``seqlearn.widgets.rollup`` ...) define each chapter's controls.
"""

from __future__ import annotations

import html
from typing import Any, Callable, Mapping

__all__ = ["explorer"]


def explorer(render: Callable[..., Any], controls: Mapping[str, Any]) -> Any:
    """Return a widget box: ``controls`` above, the figure of ``render(**values)`` below.

    Each control gets its own row: its label above it and a track as wide as the column,
    so that a slider is long enough to set precisely on a laptop and on a phone. The
    figure is redrawn when a slider is released (not while it is dragged).

    Parameters
    ----------
    render : callable
        Called with the current control values as keyword arguments every time a control
        changes; it calls a model and a plot function and returns the figure, which the
        explorer shows.
    controls : dict
        The sliders and toggles (ipywidgets value widgets), keyed by the keyword
        ``render`` expects.

    Raises
    ------
    TypeError
        If ``render`` is not callable or ``controls`` is empty.
    """
    import ipywidgets as w  # imported here so seqlearn imports without a Jupyter stack
    import matplotlib.pyplot as plt

    if not callable(render):
        raise TypeError(f"render must be callable, got {type(render).__name__}")
    if not controls:
        raise TypeError("controls must name at least one widget")

    def update(**values: Any) -> None:
        render(**values)
        plt.show()

    out = w.interactive_output(update, dict(controls))
    rows = []
    for c in controls.values():
        c.continuous_update = False  # redraw on release: keeps the kernel responsive
        label = str(getattr(c, "description", "") or "")
        if label:
            c.description = ""
            c.tooltip = label  # keeps the name for screen readers and on hover
        c.layout.width = "100%"
        if hasattr(c, "style") and hasattr(c.style, "description_width"):
            c.style.description_width = "0px"
        rows.append(w.VBox([w.HTML(f"<b>{html.escape(label)}</b>"), c] if label else [c],
                           layout=w.Layout(width="100%", margin="0 0 6px 0")))
    return w.VBox([*rows, out], layout=w.Layout(width="100%"))
