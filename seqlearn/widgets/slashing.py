"""The explorer of the chapter on slashing: does an attack pay, and what stake deters it?

Sliders set the attack's profit, the probability that it is detected and proven, the share
of stake slashed and the reporter's share of the slash; the figure shows the expected
penalty against the attacker's stake, the profit it must beat and the deterrent stake. The
attacker's stake is Metis's minimum sequencer lock (``metis.min_lock`` in
:mod:`seqlearn.params`), and the attacker can report itself.
"""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

from seqlearn import params
from seqlearn.plotting.slashing import plot_deterrence
from seqlearn.slashing import deterrence, deterrence_curve
from seqlearn.widgets import explorer

__all__ = ["DEFAULTS", "STAKE", "UNIT", "render", "deterrence_explorer"]

#: The attacker's stake: the minimum lock of a Metis sequencer.
STAKE: float = float(params.value("metis.min_lock"))
#: The token unit of the stake and profit.
UNIT: str = params.get("metis.min_lock").unit

#: The explorer's starting point; the chapter's static figure shows exactly this setting.
DEFAULTS: dict[str, float] = {
    "profit": 5_000.0,
    "detection_probability": 0.5,
    "penalty_fraction": 0.5,
    "reporter_share": 0.1,
}


def render(profit: float, detection_probability: float, penalty_fraction: float,
           reporter_share: float) -> Figure:
    """Compute the deterrence model for one setting and draw it (no display).

    This is the explorer's whole compute path: one model call and one plot call.
    """
    d = deterrence(profit, detection_probability, penalty_fraction, reporter_share, STAKE)
    return plot_deterrence(d, deterrence_curve(d), unit=UNIT)



def deterrence_explorer() -> Any:
    """Return the live explorer (an ipywidgets box) for the deterrence model.

    Returns
    -------
    ipywidgets.VBox
        Four sliders above the figure of :func:`seqlearn.plotting.slashing.plot_deterrence`.
    """
    import ipywidgets as w

    style = {"description_width": "initial"}
    controls = {
        "profit": w.FloatSlider(value=DEFAULTS["profit"], min=0.0, max=50_000.0, step=500.0,
                                description=f"attack profit ({UNIT})", style=style),
        "detection_probability": w.FloatSlider(value=DEFAULTS["detection_probability"],
                                               min=0.0, max=1.0, step=0.05,
                                               description="P(detected and proven)",
                                               style=style),
        "penalty_fraction": w.FloatSlider(value=DEFAULTS["penalty_fraction"], min=0.0, max=1.0,
                                          step=0.05, description="share of stake slashed",
                                          style=style),
        "reporter_share": w.FloatSlider(value=DEFAULTS["reporter_share"], min=0.0, max=1.0,
                                        step=0.05, description="reporter's share",
                                        style=style),
    }
    return explorer(render, controls)
