"""A thin layer that binds ipywidgets controls to a model and a plot function.

A chapter's explorer is one call to :func:`explorer`: the callback computes with a tested
model function and draws with a tested plotting function, nothing else. Topic modules
(``seqlearn.widgets.rollup`` ...) define each chapter's controls.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

__all__ = ["explorer"]


def explorer(update: Callable[..., Any], controls: Mapping[str, Any]) -> Any:
    """Return a widget box: ``controls`` above, the output of ``update(**values)`` below.

    Parameters
    ----------
    update : callable
        Called with the current control values as keyword arguments every time a control
        changes; it should call a model and a plot function and show the figure.
    controls : dict
        The sliders and toggles (ipywidgets value widgets), keyed by the keyword
        ``update`` expects.

    Raises
    ------
    TypeError
        If ``update`` is not callable or ``controls`` is empty.
    """
    import ipywidgets as w  # imported here so seqlearn imports without a Jupyter stack

    if not callable(update):
        raise TypeError(f"update must be callable, got {type(update).__name__}")
    if not controls:
        raise TypeError("controls must name at least one widget")
    out = w.interactive_output(update, dict(controls))
    for c in controls.values():
        c.continuous_update = False  # redraw on release: keeps the kernel responsive
    return w.VBox([w.HBox(list(controls.values()), layout=w.Layout(flex_flow="row wrap")), out])
