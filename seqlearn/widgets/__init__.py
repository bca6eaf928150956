"""A thin layer that binds ipywidgets controls to a model and a plot function.

A chapter's explorer is one call to :func:`explorer`: the callback computes with a tested
model function and draws with a tested plotting function, nothing else. Topic modules
(``seqlearn.widgets.rollup`` ...) define each chapter's controls.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

__all__ = ["explorer"]


def explorer(render: Callable[..., Any], controls: Mapping[str, Any]) -> Any:
    """Return a widget box: ``controls`` above, the figure of ``render(**values)`` below.

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
    for c in controls.values():
        c.continuous_update = False  # redraw on release: keeps the kernel responsive
    return w.VBox([w.HBox(list(controls.values()), layout=w.Layout(flex_flow="row wrap")), out])
