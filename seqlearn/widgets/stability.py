"""The explorer of the chapter on sequencer stability: what replicas buy, and what they don't.

Sliders set how often one replica fails and how long its repair takes, the chance that the
standby is not ready when it is elected, and the rate and duration of common-mode events
(a shared L1 RPC provider, a bad release). The figure shows the expected downtime per year
by cause for 1 to 9 replicas (closed form) and, below, the distribution of one year's
downtime for the chosen cluster (Monte Carlo, :data:`N_PATHS` years, seed :data:`SEED`).

Detection and election take :data:`DETECTION_SECONDS` and :data:`ELECTION_SECONDS` (the
order of OP Conductor's suggested 1 s health checks and 5 s unsafe-head interval); the
manual recovery after a failed handover takes :data:`MANUAL_MINUTES` (Base's outage of
5 Aug 2025 lasted 33 minutes). These are illustrative settings, not measurements.
"""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

from seqlearn.plotting.stability import plot_failover
from seqlearn.stability import Cluster, expected_downtime, simulate_cluster
from seqlearn.widgets import explorer

__all__ = ["DEFAULTS", "REPLICAS", "N_PATHS", "SEED", "DETECTION_SECONDS",
           "ELECTION_SECONDS", "MANUAL_MINUTES", "cluster", "render", "stability_explorer"]

#: Cluster sizes compared in the top panel.
REPLICAS: tuple[int, ...] = tuple(range(1, 10))
#: Simulated years for the bottom panel.
N_PATHS: int = 1000
#: Seed of every update.
SEED: int = 0
#: Seconds to detect a failed leader.
DETECTION_SECONDS: float = 5.0
#: Seconds to elect a new leader.
ELECTION_SECONDS: float = 5.0
#: Minutes of manual recovery after a handover to a standby that is not ready.
MANUAL_MINUTES: float = 30.0

#: The explorer's starting point; the chapter's static figure shows exactly this setting.
DEFAULTS: dict[str, float] = {
    "n_replicas": 3,
    "failure_rate": 2.0,
    "repair_minutes": 60.0,
    "p_standby_not_ready": 0.05,
    "common_rate": 0.5,
    "common_minutes": 30.0,
}


def cluster(n_replicas: int, failure_rate: float, repair_minutes: float,
            p_standby_not_ready: float, common_rate: float,
            common_minutes: float) -> Cluster:
    """The :class:`~seqlearn.stability.Cluster` of one explorer setting."""
    return Cluster(n_replicas=n_replicas, failure_rate=failure_rate,
                   repair_minutes=repair_minutes, detection_seconds=DETECTION_SECONDS,
                   election_seconds=ELECTION_SECONDS,
                   p_standby_not_ready=p_standby_not_ready, manual_minutes=MANUAL_MINUTES,
                   common_rate=common_rate, common_minutes=common_minutes)


def render(n_replicas: int, failure_rate: float, repair_minutes: float,
           p_standby_not_ready: float, common_rate: float, common_minutes: float) -> Figure:
    """Compute the downtime by cause for 1-9 replicas and one simulated cluster; draw it.

    This is the explorer's whole compute path: model calls and one plot call.
    """
    kw = dict(failure_rate=failure_rate, repair_minutes=repair_minutes,
              p_standby_not_ready=p_standby_not_ready, common_rate=common_rate,
              common_minutes=common_minutes)
    by_n = [expected_downtime(cluster(n, **kw)) for n in REPLICAS]
    sim = simulate_cluster(cluster(n_replicas, **kw), n_paths=N_PATHS, seed=SEED)
    return plot_failover(by_n, REPLICAS, chosen=n_replicas, simulation=sim)


def stability_explorer() -> Any:
    """Return the live failover explorer (an ipywidgets box).

    Returns
    -------
    ipywidgets.VBox
        Six controls above the figure of :func:`seqlearn.plotting.stability.plot_failover`.
    """
    import ipywidgets as w

    style = {"description_width": "initial"}
    controls = {
        "n_replicas": w.IntSlider(value=DEFAULTS["n_replicas"], min=1, max=9,
                                  description="replicas", style=style),
        "failure_rate": w.FloatLogSlider(value=DEFAULTS["failure_rate"], base=10, min=-1,
                                         max=1, step=0.1,
                                         description="failures per replica-year",
                                         style=style),
        "repair_minutes": w.FloatLogSlider(value=DEFAULTS["repair_minutes"], base=10,
                                           min=0, max=3, step=0.1,
                                           description="repair (min)", style=style),
        "p_standby_not_ready": w.FloatSlider(value=DEFAULTS["p_standby_not_ready"],
                                             min=0.0, max=0.5, step=0.01,
                                             description="P(standby not ready)",
                                             style=style),
        "common_rate": w.FloatSlider(value=DEFAULTS["common_rate"], min=0.0, max=5.0,
                                     step=0.1, description="common-mode events per year",
                                     style=style),
        "common_minutes": w.FloatLogSlider(value=DEFAULTS["common_minutes"], base=10,
                                           min=0, max=3, step=0.1,
                                           description="common-mode duration (min)",
                                           style=style),
    }
    return explorer(render, controls)
