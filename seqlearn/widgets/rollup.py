"""The explorer of chapter 1: arrival rate, batch interval, ordering policy and outage length.

The explorer simulates one hour of arrivals on an Arbitrum-like rollup whose L2 blocks hold
at most :data:`CAPACITY` transactions (so a backlog can form and the ordering policy
matters), with an outage that starts :data:`OUTAGE_START` seconds in. Every change of a
control re-runs :func:`simulate_setting` and redraws
:func:`seqlearn.plotting.rollup.plot_rollup_explorer`.

Examples
--------
>>> res = simulate_setting(**DEFAULTS)
>>> res.config.policy, res.config.outage
('fcfs', (600.0, 1800.0))
"""

from __future__ import annotations

from typing import Any

from seqlearn import rollup
from seqlearn import validation as v


__all__ = ["DEFAULTS", "HORIZON", "OUTAGE_START", "CAPACITY", "SEED", "simulate_setting",
           "render", "rollup_explorer"]

#: Default control values: the setting of the static figure in the chapter.
DEFAULTS: dict[str, Any] = {"rate": 6.0, "batch_interval": 60.0, "policy": "fcfs",
                            "outage_minutes": 20.0}
#: Seconds of arrivals simulated.
HORIZON: float = 3600.0
#: Second at which the outage starts.
OUTAGE_START: float = 600.0
#: Most transactions per 250 ms L2 block (16 per second).
CAPACITY: int = 4
#: Seed of the workload.
SEED: int = 1


def simulate_setting(rate: float, batch_interval: float, policy: str,
                     outage_minutes: float, *, seed: int = SEED) -> rollup.SimulationResult:
    """Simulate the explorer's rollup for one setting of the controls.

    Parameters
    ----------
    rate : float
        Arrivals per second.
    batch_interval : float
        Batch interval in s.
    policy : str
        One of :data:`seqlearn.rollup.POLICIES`.
    outage_minutes : float
        Outage length in minutes (0 for none).
    seed : int, optional
        Workload seed.

    Returns
    -------
    seqlearn.rollup.SimulationResult
    """
    outage_minutes = v.nonnegative("outage_minutes", outage_minutes, hi=HORIZON / 60.0)
    outage = None
    if outage_minutes > 0:
        outage = (OUTAGE_START, OUTAGE_START + 60.0 * outage_minutes)
    config = rollup.RollupConfig.arbitrum_like(policy=policy, batch_interval=batch_interval,
                                               max_txs_per_block=CAPACITY, outage=outage)
    return rollup.simulate(rollup.poisson_workload(rate=rate, duration=HORIZON, seed=seed),
                           config)


def render(rate: float, batch_interval: float, policy: str, outage_minutes: float) -> Any:
    """The explorer's figure for one setting: simulate, then plot (no display).

    Returns
    -------
    matplotlib.figure.Figure
    """
    from seqlearn.plotting.rollup import plot_rollup_explorer

    return plot_rollup_explorer(simulate_setting(rate, batch_interval, policy, outage_minutes))


def rollup_explorer() -> Any:
    """Sliders for arrival rate, batch interval, policy and outage length, and the figure.

    Returns
    -------
    ipywidgets.VBox
        The controls above the figure (needs a running kernel to redraw).
    """
    import ipywidgets as w

    from seqlearn.widgets import explorer

    style = {"description_width": "initial"}
    controls = {
        "rate": w.FloatSlider(value=DEFAULTS["rate"], min=0.5, max=15.0, step=0.5,
                              description="arrivals (tx/s)", style=style),
        "batch_interval": w.FloatSlider(value=DEFAULTS["batch_interval"], min=5.0, max=600.0,
                                        step=5.0, description="batch interval (s)",
                                        style=style),
        "policy": w.Dropdown(options=list(rollup.POLICIES), value=DEFAULTS["policy"],
                             description="ordering policy", style=style),
        "outage_minutes": w.FloatSlider(value=DEFAULTS["outage_minutes"], min=0.0, max=45.0,
                                        step=1.0, description="outage (min)", style=style),
    }
    return explorer(render, controls)
