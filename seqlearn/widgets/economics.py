"""The profit-and-loss explorer of the chapter on sequencer economics.

Controls set the L1 prices (execution base fee and blob base fee), the chain's two fee
scalars and its traffic; the figure shows the sequencer's day by fee vault and cost, its
profit, and the Superchain revenue share under the on-chain rule and the docs' rule
(:func:`seqlearn.economics.daily_pnl`). All other settings are those of
:class:`seqlearn.economics.ChainDay`, illustrative and not those of a real chain.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from matplotlib.figure import Figure

from seqlearn import economics, params
from seqlearn import validation as v
from seqlearn.plotting.economics import plot_pnl
from seqlearn.widgets import explorer

__all__ = ["DEFAULTS", "chain_day", "render", "pnl_explorer"]

#: The explorer's starting point; the chapter's static figure shows exactly this setting.
DEFAULTS: dict[str, float] = {
    "l1_base_fee_gwei": 1.0,
    "blob_base_fee_gwei": 0.001,
    "base_fee_scalar": 8000,
    "blob_base_fee_scalar": 1_000_000,
    "tx_per_day": 3e6,
}


def chain_day(l1_base_fee_gwei: float, blob_base_fee_gwei: float, base_fee_scalar: float,
              blob_base_fee_scalar: float, tx_per_day: float) -> economics.ChainDay:
    """The :class:`~seqlearn.economics.ChainDay` of the explorer's settings."""
    l1 = v.nonnegative("l1_base_fee_gwei", l1_base_fee_gwei, hi=1e6)
    blob = v.nonnegative("blob_base_fee_gwei", blob_base_fee_gwei, hi=1e6)
    top = float(params.value("op.max_fee_scalar"))
    s1 = v.nonnegative("base_fee_scalar", base_fee_scalar, hi=top)
    s2 = v.nonnegative("blob_base_fee_scalar", blob_base_fee_scalar, hi=top)
    n = v.nonnegative("tx_per_day", tx_per_day, hi=1e10)
    return dataclasses.replace(
        economics.ChainDay(), l1_base_fee=int(l1 * 1e9), l1_blob_base_fee=int(blob * 1e9),
        base_fee_scalar=int(s1), blob_base_fee_scalar=int(s2), tx_per_day=int(n))


def render(l1_base_fee_gwei: float, blob_base_fee_gwei: float, base_fee_scalar: float,
           blob_base_fee_scalar: float, tx_per_day: float) -> Figure:
    """Compute the day's P&L and draw it (no display)."""
    day = chain_day(l1_base_fee_gwei, blob_base_fee_gwei, base_fee_scalar,
                    blob_base_fee_scalar, tx_per_day)
    return plot_pnl(economics.daily_pnl(day))


def pnl_explorer() -> Any:
    """Return the live profit-and-loss explorer (an ipywidgets box)."""
    import ipywidgets as w

    style = {"description_width": "initial"}
    controls = {
        "l1_base_fee_gwei": w.FloatLogSlider(value=DEFAULTS["l1_base_fee_gwei"], base=10,
                                             min=-2, max=2, step=0.1,
                                             description="L1 base fee (gwei)", style=style),
        "blob_base_fee_gwei": w.FloatLogSlider(value=DEFAULTS["blob_base_fee_gwei"],
                                               base=10, min=-9, max=2, step=0.25,
                                               description="blob base fee (gwei)",
                                               style=style),
        "base_fee_scalar": w.IntSlider(value=DEFAULTS["base_fee_scalar"], min=0,
                                       max=50_000, step=500,
                                       description="base fee scalar", style=style),
        "blob_base_fee_scalar": w.IntSlider(value=DEFAULTS["blob_base_fee_scalar"], min=0,
                                            max=3_000_000, step=50_000,
                                            description="blob base fee scalar",
                                            style=style),
        "tx_per_day": w.FloatLogSlider(value=DEFAULTS["tx_per_day"], base=10, min=5,
                                       max=8, step=0.1, description="transactions a day",
                                       style=style),
    }
    return explorer(render, controls)
