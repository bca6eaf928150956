"""The explorer of the chapter on shared sequencers: bundle success under three regimes.

Sliders set how likely each leg is to be included, how likely each leg is to succeed once
it runs, and what it costs to unwind a leg that ran alone. The arbitrage is the chapter's
example between two constant-product pools (Y costs 1.00 in pool A and 1.21 in pool B,
100 Y in each); a stranded leg is marked at the pools' final price minus the unwinding
cost. The figure shows the outcome probabilities and the expected profit per regime.
"""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

from seqlearn import shared as sh
from seqlearn import validation as v
from seqlearn.plotting.shared import plot_regimes
from seqlearn.widgets import explorer

__all__ = ["POOLS", "DEFAULTS", "render", "shared_explorer"]

#: Reserves (x_a, y_a, x_b, y_b) of the two pools of the chapter's example.
POOLS: tuple[float, float, float, float] = (100.0, 100.0, 121.0, 100.0)

#: The explorer's starting point; the chapter's static figure shows exactly this setting.
DEFAULTS: dict[str, float] = {
    "inclusion": 0.9,
    "success_a": 0.9,
    "success_b": 0.6,
    "unwind_cost": 0.0,
    "revert_cost": 0.01,
}


def render(inclusion: float, success_a: float, success_b: float, unwind_cost: float,
           revert_cost: float) -> Figure:
    """Compute outcomes and expected profits in the three regimes and draw them."""
    unwind = v.nonnegative("unwind_cost", unwind_cost)
    arb = sh.cpmm_arbitrage(*POOLS)
    va, vb = arb.partial_values()
    q, s = [inclusion, inclusion], [success_a, success_b]
    outcomes = [sh.bundle_outcome(q, s, r) for r in sh.REGIMES]
    arbs = sh.compare_regimes(q, s, arb.profit, [va - unwind, vb - unwind],
                              revert_cost=revert_cost)
    return plot_regimes(outcomes, arbs)


def shared_explorer() -> Any:
    """Return the live explorer (an ipywidgets box) for bundles under three regimes.

    Returns
    -------
    ipywidgets.VBox
        Five sliders above the figure of :func:`seqlearn.plotting.shared.plot_regimes`.
    """
    import ipywidgets as w

    style = {"description_width": "initial"}
    prob = dict(min=0.0, max=1.0, step=0.05, style=style)
    controls = {
        "inclusion": w.FloatSlider(value=DEFAULTS["inclusion"],
                                   description="P(leg included)", **prob),
        "success_a": w.FloatSlider(value=DEFAULTS["success_a"],
                                   description="P(leg A succeeds)", **prob),
        "success_b": w.FloatSlider(value=DEFAULTS["success_b"],
                                   description="P(leg B succeeds)", **prob),
        "unwind_cost": w.FloatSlider(value=DEFAULTS["unwind_cost"], min=0.0, max=1.0,
                                     step=0.05, description="cost to unwind a lone leg",
                                     style=style),
        "revert_cost": w.FloatSlider(value=DEFAULTS["revert_cost"], min=0.0, max=0.2,
                                     step=0.01, description="gas of a reverted leg",
                                     style=style),
    }
    return explorer(render, controls)
