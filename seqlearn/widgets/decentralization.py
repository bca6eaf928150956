"""The explorer of the chapter on sequencer decentralization: when does a committee halt?

Sliders set the committee size, each member's probability of being offline, and a common
shock (a shared cloud region or client release) that takes a share of the members down at
once with a given probability. The figure shows the halt probability against committee size
(the chosen size marked) and the distribution of online members against the quorum.
"""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

from seqlearn import validation as v
from seqlearn.plotting.decentralization import plot_halt
from seqlearn.widgets import explorer

__all__ = ["DEFAULTS", "MAX_N", "render", "decentralization_explorer"]

#: Largest committee size drawn in the top panel.
MAX_N: int = 40

#: The explorer's starting point; the chapter's static figure shows exactly this setting.
DEFAULTS: dict[str, float] = {
    "n": 7,
    "p_offline": 0.05,
    "shock_probability": 0.01,
    "shock_share": 0.3,
}


def render(n: int, p_offline: float, shock_probability: float, shock_share: float) -> Figure:
    """Compute the halt probabilities for one setting and draw them (no display).

    ``shock_share`` is the share of members the shock takes down (rounded to members).
    """
    n = v.count("n", n, hi=1000)
    share = v.probability("shock_share", shock_share)
    return plot_halt(n, p_offline, shock_probability=shock_probability,
                     shock_members=int(round(share * n)), max_n=MAX_N)


def decentralization_explorer() -> Any:
    """Return the live explorer (an ipywidgets box) for committee halts.

    Returns
    -------
    ipywidgets.VBox
        Four sliders above the figure of
        :func:`seqlearn.plotting.decentralization.plot_halt`.
    """
    import ipywidgets as w

    style = {"description_width": "initial"}
    controls = {
        "n": w.IntSlider(value=DEFAULTS["n"], min=1, max=MAX_N, step=1,
                         description="committee size", style=style),
        "p_offline": w.FloatLogSlider(value=DEFAULTS["p_offline"], base=10, min=-4,
                                      max=-0.3, step=0.05,
                                      description="P(member offline)", style=style),
        "shock_probability": w.FloatSlider(value=DEFAULTS["shock_probability"], min=0.0,
                                           max=0.1, step=0.005,
                                           description="P(common shock)", style=style),
        "shock_share": w.FloatSlider(value=DEFAULTS["shock_share"], min=0.0, max=1.0,
                                     step=0.05, description="share hit by the shock",
                                     style=style),
    }
    return explorer(render, controls)
