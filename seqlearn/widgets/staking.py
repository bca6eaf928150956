"""The explorer of the chapter on collateral: what does posting a stake cost a sequencer?

Sliders set the stake, the token price, the opportunity cost of capital, the staking
yield and the unbonding period; the figure shows the cost of one year of collateral
against the opportunity rate, split into the carry and the unbonding delay. The default
stake is Metis's minimum lock and the default unbonding period its exit delay
(``metis.min_lock`` and ``metis.exit_delay`` in :mod:`seqlearn.params`); the default
price is an illustration, not a quote.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.figure import Figure

from seqlearn import params
from seqlearn.plotting.staking import plot_capital_cost
from seqlearn.staking import capital_cost
from seqlearn.widgets import explorer

__all__ = ["DEFAULTS", "RATES", "render", "capital_cost_explorer"]

#: The explorer's starting point; the chapter's static figure shows exactly this setting.
DEFAULTS: dict[str, float] = {
    "stake": float(params.value("metis.min_lock")),
    "price": 20.0,
    "opportunity_rate": 0.05,
    "staking_yield": 0.0,
    "unbonding_days": float(params.value("metis.exit_delay")),
}

#: Opportunity rates on the x axis of the figure (0 to 20 % a year).
RATES: np.ndarray = np.linspace(0.0, 0.20, 81)


def render(stake: float, price: float, opportunity_rate: float, staking_yield: float,
           unbonding_days: float) -> Figure:
    """Compute the capital cost for one setting and draw it (no display).

    This is the explorer's whole compute path: the model over the rate axis, the model at
    the chosen rate, one plot call.
    """
    kw = dict(staking_yield=staking_yield, unbonding_days=unbonding_days)
    curve = capital_cost(stake, price, RATES, **kw)
    point = capital_cost(stake, price, opportunity_rate, **kw)
    return plot_capital_cost(RATES, curve, rate=opportunity_rate, point=point)



def capital_cost_explorer() -> Any:
    """Return the live explorer (an ipywidgets box) for the cost of collateral.

    Returns
    -------
    ipywidgets.VBox
        Five sliders above the figure of :func:`seqlearn.plotting.staking.plot_capital_cost`.
    """
    import ipywidgets as w

    style = {"description_width": "initial"}
    controls = {
        "stake": w.FloatSlider(value=DEFAULTS["stake"], min=0.0, max=200_000.0, step=5_000.0,
                               description="stake (tokens)", style=style),
        "price": w.FloatSlider(value=DEFAULTS["price"], min=0.5, max=200.0, step=0.5,
                               description="token price (USD)", style=style),
        "opportunity_rate": w.FloatSlider(value=DEFAULTS["opportunity_rate"], min=0.0,
                                          max=0.20, step=0.005, readout_format=".1%",
                                          description="opportunity rate (a year)",
                                          style=style),
        "staking_yield": w.FloatSlider(value=DEFAULTS["staking_yield"], min=0.0, max=0.20,
                                       step=0.005, readout_format=".1%",
                                       description="staking yield (a year)", style=style),
        "unbonding_days": w.FloatSlider(value=DEFAULTS["unbonding_days"], min=0.0, max=60.0,
                                        step=1.0, description="unbonding period (days)",
                                        style=style),
    }
    return explorer(render, controls)
