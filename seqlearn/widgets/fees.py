"""The blob-fee explorer of the chapter on sequencer economics.

Controls set the fork, the rollups' demand for blobs (blobs wanted per block at a
reference price of 1 gwei, how strongly demand falls as the price rises, the size of
bursts) and the L1 execution base fee, which sets EIP-7918's reserve price from Osaka on.
The figure shows a simulated day (7,200 blocks) of the blob base fee and of blob use,
computed exactly by :func:`seqlearn.fees.simulate_blob_market`. The demand model is
illustrative, not fitted to mainnet data.
"""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

from seqlearn import fees
from seqlearn import validation as v
from seqlearn.plotting.fees import plot_blob_market
from seqlearn.widgets import explorer

__all__ = ["DEFAULTS", "N_BLOCKS", "SEED", "REFERENCE_FEE", "day", "render",
           "blob_fee_explorer"]

#: A day of twelve-second slots, and the seed of every update.
N_BLOCKS: int = 7200
SEED: int = 3
#: Price (wei per blob gas) at which the rollups want the chosen number of blobs.
REFERENCE_FEE: float = 1e9

#: The explorer's starting point; the chapter's static figure shows exactly this setting.
DEFAULTS: dict[str, Any] = {
    "fork": "bpo2",
    "demand": 9.0,
    "elasticity": 0.3,
    "burst_factor": 2.0,
    "base_fee_gwei": 2.0,
}


def day(fork: str, demand: float, elasticity: float, burst_factor: float,
        base_fee_gwei: float) -> fees.BlobFeePath:
    """Simulate one day of the blob market for the explorer's settings."""
    d = fees.BlobDemand(base=demand, reference_fee=REFERENCE_FEE, elasticity=elasticity,
                        burst_factor=burst_factor, burst_start=1 / 1800,
                        burst_end=1 / 150)
    b = v.nonnegative("base_fee_gwei", base_fee_gwei, hi=1e6)
    return fees.simulate_blob_market(N_BLOCKS, fork=fork, demand=d,
                                     base_fee_per_gas=int(b * 1e9), seed=SEED)


def render(fork: str, demand: float, elasticity: float, burst_factor: float,
           base_fee_gwei: float) -> Figure:
    """Simulate a day and draw it (no display): one model call and one plot call."""
    path = day(fork, demand, elasticity, burst_factor, base_fee_gwei)
    return plot_blob_market({path.fork: path}, base_fee_per_gas=base_fee_gwei * 1e9,
                            window=75)


def blob_fee_explorer() -> Any:
    """Return the live blob-fee explorer (an ipywidgets box)."""
    import ipywidgets as w

    style = {"description_width": "initial"}
    controls = {
        "fork": w.Dropdown(options=list(fees.FORKS), value=DEFAULTS["fork"],
                           description="fork", style=style),
        "demand": w.FloatSlider(value=DEFAULTS["demand"], min=0.0, max=30.0, step=0.5,
                                description="blobs wanted at 1 gwei", style=style),
        "elasticity": w.FloatSlider(value=DEFAULTS["elasticity"], min=0.0, max=1.0,
                                    step=0.05, description="price elasticity",
                                    style=style),
        "burst_factor": w.FloatSlider(value=DEFAULTS["burst_factor"], min=1.0, max=5.0,
                                      step=0.25, description="burst factor", style=style),
        "base_fee_gwei": w.FloatLogSlider(value=DEFAULTS["base_fee_gwei"], base=10,
                                          min=-2, max=2, step=0.1,
                                          description="L1 base fee (gwei)", style=style),
    }
    return explorer(render, controls)
