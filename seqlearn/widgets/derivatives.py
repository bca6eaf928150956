"""The explorer of the chapter on sequencer risk for derivatives: the grace-period trade-off.

Sliders set the collateral's volatility after the restart, the price jump at restart,
the length of the outage, the share of owners who react at all and how fast they react.
The figure shows two families of rules, Aave v3.6's (loans below a health factor of
0.95 are liquidated at once, the others wait for the grace period) and a grace period
that protects every loan, each for grace periods from 0 to 8 hours: the bad debt against
the number of owners liquidated who would have added collateral. Grace period 0 is Aave
v3.7, where every loan below 1 is liquidated at once.

The book is :data:`BOOK`: 1,000 loans against a token priced 2,000 USD (an ETH-like
asset), health factors ``1 + buffer`` with a lognormal buffer (median 0.3), liquidation
threshold 0.8, bonus 5 %, sold into a market of 50,000 tokens a day with impact
coefficient 0.05. These are illustrative settings, not data about a real market.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.figure import Figure

from seqlearn import collateral
from seqlearn import derivatives as d
from seqlearn import validation as v
from seqlearn.plotting.derivatives import plot_grace_tradeoff
from seqlearn.widgets import explorer

__all__ = ["MARKET", "BOOK", "GRACE_MINUTES", "N_SCENARIOS", "SEED", "JUMP_VOL", "RULES",
           "DEFAULTS", "tradeoff", "marks", "render", "grace_explorer"]

#: The market the seized collateral is sold into (illustrative).
MARKET = collateral.Market(daily_volume=50_000.0, impact=0.05)
#: The explorer's book of loans (illustrative).
BOOK: d.Book = d.random_book(1000, seed=0, price=2000.0, median_size=5.0, size_spread=1.2,
                             market=MARKET)
#: Grace periods traced, in minutes.
GRACE_MINUTES: np.ndarray = np.array([0.0, 5.0, 15.0, 30.0, 60.0, 120.0, 240.0, 480.0])
#: Outage scenarios per update, and their seed.
N_SCENARIOS: int = 250
SEED: int = 1
#: Standard deviation of the log-jump at restart.
JUMP_VOL: float = 0.08
#: The two families of rules: Aave v3.6's carve-out, and a grace period that protects
#: every loan (Chainlink's sample consumer reverts everything during it).
RULES: dict[str, float] = {"Aave v3.6 rule: HF < 0.95 at once": 0.95,
                           "every loan waits (Chainlink sample)": 0.0}

#: The explorer's starting point; the chapter's static figure shows this setting.
DEFAULTS: dict[str, float] = {
    "vol": 1.5,
    "jump": -0.10,
    "minutes": 120.0,
    "p_attentive": 0.5,
    "response_minutes": 30.0,
}


def tradeoff(vol: float, jump: float, minutes: float, p_attentive: float,
             response_minutes: float, hf_immediate: float = 0.95,
             n_scenarios: int = N_SCENARIOS) -> d.GraceTradeoff:
    """The model call of the explorer: :func:`seqlearn.derivatives.grace_tradeoff`."""
    rm = v.positive("response_minutes", response_minutes, hi=d.MINUTES_PER_YEAR)
    return d.grace_tradeoff(BOOK, GRACE_MINUTES * 60.0, hf_immediate=hf_immediate,
                            n_scenarios=n_scenarios, vol=vol, minutes=minutes,
                            jump_mean=jump, jump_vol=JUMP_VOL, p_attentive=p_attentive,
                            response_time=rm * 60.0, seed=SEED)


def marks(tradeoffs: dict[str, d.GraceTradeoff]) -> dict[str, tuple[str, float]]:
    """The points to highlight: Aave v3.7 (grace 0) and each family's one-hour rule."""
    out: dict[str, tuple[str, float]] = {}
    first = next(iter(tradeoffs))
    out["Aave v3.7: no grace period"] = (first, 0.0)
    for label in tradeoffs:
        name = ("Aave v3.6: one hour" if label.startswith("Aave")
                else "Chainlink sample: one hour")
        out[name] = (label, 3600.0)
    return out


def render(vol: float, jump: float, minutes: float, p_attentive: float,
           response_minutes: float) -> Figure:
    """Compute the trade-off of both families of rules and draw it (no display).

    This is the explorer's whole compute path: model calls and one plot call.
    """
    t = {label: tradeoff(vol, jump, minutes, p_attentive, response_minutes, hf)
         for label, hf in RULES.items()}
    return plot_grace_tradeoff(t, marks(t), unit="thousand USD", scale=1e3)


def grace_explorer() -> Any:
    """Return the live explorer (an ipywidgets box) of the grace-period trade-off.

    Returns
    -------
    ipywidgets.VBox
        Five sliders above the figure of
        :func:`seqlearn.plotting.derivatives.plot_grace_tradeoff`.
    """
    import ipywidgets as w

    style = {"description_width": "initial"}
    controls = {
        "vol": w.FloatSlider(value=DEFAULTS["vol"], min=0.2, max=3.0, step=0.1,
                             description="volatility (per year)", style=style),
        "jump": w.FloatSlider(value=DEFAULTS["jump"], min=-0.3, max=0.1, step=0.01,
                              description="log jump at restart", style=style),
        "minutes": w.FloatLogSlider(value=DEFAULTS["minutes"], base=10, min=1, max=3,
                                    step=0.05, description="outage (minutes)",
                                    style=style),
        "p_attentive": w.FloatSlider(value=DEFAULTS["p_attentive"], min=0.0, max=1.0,
                                     step=0.05, description="owners who react",
                                     style=style),
        "response_minutes": w.FloatLogSlider(value=DEFAULTS["response_minutes"], base=10,
                                             min=0, max=3, step=0.05,
                                             description="mean reaction (minutes)",
                                             style=style),
    }
    return explorer(render, controls)
