"""The explorer of the chapter on optimistic proofs: watch the bisection game narrow.

Sliders set the trace length (as a power of two), the arity ``k`` of the game, where the
liar's trace first goes wrong (as a share of the trace) and which party lies; the figure
shows the interval ``[lo, hi]`` round by round (:func:`seqlearn.plotting.fraudproof.plot_bisection`).
The game is played over a synthetic trace, so even 2^40 steps update at once.
"""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

from seqlearn import validation as v
from seqlearn.fraudproof import simulate_dispute
from seqlearn.plotting.fraudproof import plot_bisection
from seqlearn.widgets import explorer

__all__ = ["DEFAULTS", "render", "bisection_explorer"]

#: The explorer's starting point; the chapter's static figure shows exactly this setting.
DEFAULTS: dict[str, Any] = {
    "log2_steps": 20,
    "arity": 2,
    "fault_fraction": 0.37,
    "liar": "asserter",
}


def render(log2_steps: int, arity: int, fault_fraction: float, liar: str) -> Figure:
    """Play one game for the setting and draw its narrowing interval (no display).

    This is the explorer's whole compute path: one model call and one plot call.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig = render(**DEFAULTS)
    >>> fig.axes[0].get_title(loc="left")
    '2-ary game on 1,048,576 steps: 20 rounds'
    >>> plt.close(fig)
    """
    log2_steps = v.count("log2_steps", log2_steps, hi=127)  # 2**127 steps: 127 rounds
    return plot_bisection(simulate_dispute(2**log2_steps, fault_fraction=fault_fraction,
                                           arity=arity, liar=liar))



def bisection_explorer() -> Any:
    """Return the live explorer (an ipywidgets box) for the bisection game.

    Returns
    -------
    ipywidgets.VBox
        Four controls above the figure of :func:`seqlearn.plotting.fraudproof.plot_bisection`.
    """
    import ipywidgets as w

    style = {"description_width": "initial"}
    controls = {
        "log2_steps": w.IntSlider(value=DEFAULTS["log2_steps"], min=1, max=40,
                                  description="trace length: log2(steps)", style=style),
        "arity": w.IntSlider(value=DEFAULTS["arity"], min=2, max=16,
                             description="arity k (parts per round)", style=style),
        "fault_fraction": w.FloatSlider(value=DEFAULTS["fault_fraction"], min=0.0, max=1.0,
                                        step=0.01, description="fault position (share of trace)",
                                        style=style),
        "liar": w.Dropdown(options=["asserter", "challenger"], value=DEFAULTS["liar"],
                           description="who lies", style=style),
    }
    return explorer(render, controls)
