"""The explorer of the chapter on collateral risk: how much stake is enough, and what it costs.

Sliders set the token's volatility, how often the sequencer fails, the wrong-way jump of
the token price at a failure, the market's daily volume and the tolerated shortfall
probability ``alpha``. The figure shows the security/capital frontier (the
collateralisation ratio needed for each security level, with its yearly capital cost) and
what each risk adds to the requirement at the chosen ``alpha``.

The loss each failure must cover is 10 million USD and the token trades at 1 USD, so the
naive stake is 10 million tokens and the daily volume reads directly against it. The
impact coefficient is 0.05 (about one day's volatility of a token with 95 % annual
volatility), the sale is forced into one day, and the stake is locked for a year at a
capital cost of 5 % a year. These are illustrative settings, not data about a real token.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.figure import Figure

from seqlearn.collateral import CollateralModel, Market, collateral_report
from seqlearn.plotting.risk import plot_frontier
from seqlearn.widgets import explorer

__all__ = ["DEFAULTS", "LOSS", "PRICE", "IMPACT", "ALPHAS", "N_PATHS", "SEED", "render",
           "risk_explorer"]

#: Loss each failure must cover (USD) and the token price (USD).
LOSS: float = 10e6
PRICE: float = 1.0
#: Impact coefficient of the square-root law used by the explorer.
IMPACT: float = 0.05
#: Security levels at which the frontier is traced (alpha from 20 % to 0.2 %).
ALPHAS: np.ndarray = np.geomspace(0.2, 0.002, 16)
#: Monte Carlo paths and seed of every update.
N_PATHS: int = 4000
SEED: int = 0

#: The explorer's starting point; the chapter's static figure shows exactly this setting.
DEFAULTS: dict[str, float] = {
    "volatility": 0.8,
    "fault_rate": 0.2,
    "jump": 0.3,
    "daily_volume": 2e6,
    "alpha": 0.01,
}


def render(volatility: float, fault_rate: float, jump: float, daily_volume: float,
           alpha: float) -> Figure:
    """Compute the collateral report for one setting and draw it (no display).

    This is the explorer's whole compute path: one model call and one plot call.
    """
    model = CollateralModel(loss=LOSS, price=PRICE, volatility=volatility,
                            fault_rate=fault_rate, jump=jump,
                            market=Market(daily_volume=daily_volume, impact=IMPACT))
    report = collateral_report(model, alpha=alpha, alphas=ALPHAS, n_paths=N_PATHS, seed=SEED)
    return plot_frontier(report)



def risk_explorer() -> Any:
    """Return the live explorer (an ipywidgets box) for the required stake.

    Returns
    -------
    ipywidgets.VBox
        Five sliders above the figure of :func:`seqlearn.plotting.risk.plot_frontier`.
    """
    import ipywidgets as w

    style = {"description_width": "initial"}
    controls = {
        "volatility": w.FloatSlider(value=DEFAULTS["volatility"], min=0.0, max=2.0, step=0.05,
                                    description="volatility (per year)", style=style),
        "fault_rate": w.FloatLogSlider(value=DEFAULTS["fault_rate"], base=10, min=-2, max=1,
                                       step=0.1, description="failures per year",
                                       style=style),
        "jump": w.FloatSlider(value=DEFAULTS["jump"], min=0.0, max=0.9, step=0.05,
                              description="price jump at a failure", style=style),
        "daily_volume": w.FloatLogSlider(value=DEFAULTS["daily_volume"], base=10, min=5, max=9,
                                         step=0.1, description="daily volume (tokens)",
                                         style=style),
        "alpha": w.FloatLogSlider(value=DEFAULTS["alpha"], base=10, min=np.log10(0.002),
                                  max=np.log10(0.2), step=0.1,
                                  description="alpha (shortfall probability)", style=style),
    }
    return explorer(render, controls)
