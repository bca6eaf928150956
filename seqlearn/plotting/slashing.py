"""Figures for the chapter on slashing.

Each function takes outputs of :mod:`seqlearn.slashing` and returns a matplotlib Figure in
the house style.

Examples
--------
>>> import matplotlib.pyplot as plt
>>> from seqlearn.slashing import deterrence, deterrence_curve
>>> d = deterrence(1_000, 0.5, 0.5, 0.2, 2_000)
>>> fig = plot_deterrence(d, deterrence_curve(d), unit="tokens")
>>> fig.axes[0].get_xlabel()
'attacker stake (tokens)'
>>> plt.close(fig)
"""

from __future__ import annotations

import math
from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from seqlearn import validation as v
from seqlearn.plotting import COLORS, CYCLE, STYLE, finish, new_figure
from seqlearn.slashing import Deterrence, DeterrenceCurve, EthereumPenaltyCurve

__all__ = ["plot_ethereum_penalties", "plot_penalty_schedules", "plot_deterrence"]

_FORK_LABELS = {"phase0": "Phase 0", "altair": "Altair", "bellatrix": "Bellatrix to Deneb",
                "electra": "Electra and Fulu"}
_FORK_COLORS = {"phase0": COLORS["grey"], "altair": COLORS["sky"],
                "bellatrix": COLORS["orange"], "electra": COLORS["blue"]}
_FORK_STYLES = {"phase0": ":", "altair": "-.", "bellatrix": "--", "electra": "-"}
GWEI_PER_ETH = 10**9


def plot_ethereum_penalties(curves: Sequence[EthereumPenaltyCurve], *,
                            zoom_share: float = 0.05) -> Figure:
    """Total slashing penalty of one validator against the share of stake slashed, per fork.

    Left panel: the first ``zoom_share`` of stake, where the pre-Electra penalty stays at the
    initial penalty until the rounded correlation term first reaches 1 ETH (the cliff).
    Right panel: the whole range of the curves.

    Parameters
    ----------
    curves : sequence of EthereumPenaltyCurve
        One per fork, from :func:`seqlearn.slashing.ethereum_penalty_curve`, all for the same
        effective balance.
    zoom_share : float
        Upper end of the left panel, as a share of total stake (0.05 = 5%).

    Returns
    -------
    matplotlib.figure.Figure
    """
    if isinstance(curves, (str, bytes)) or not isinstance(curves, Sequence) \
            or not 1 <= len(curves) <= 16:
        raise v.fail("curves", "a sequence of 1 to 16 EthereumPenaltyCurve", curves, TypeError)
    for i, c in enumerate(curves):
        v.instance(f"curves[{i}]", c, EthereumPenaltyCurve)
    zoom_share = v.probability("zoom_share", zoom_share, lo_open=True)
    fig, (left, right) = new_figure(1, 2, width=9.0, height=4.0)
    eb_eth = curves[0].effective_balance / GWEI_PER_ETH
    with plt.rc_context(STYLE):
        for ax, top in ((left, zoom_share), (right, float(max(c.share[-1] for c in curves)))):
            for c in curves:
                ax.plot(100 * c.share, c.total_penalty / GWEI_PER_ETH, drawstyle="steps-post",
                        color=_FORK_COLORS.get(c.fork, COLORS["black"]),
                        linestyle=_FORK_STYLES.get(c.fork, "-"),
                        label=_FORK_LABELS.get(c.fork, c.fork))
            ax.set_xlim(0, 100 * top)
        right.axhline(eb_eth, color=COLORS["black"], linewidth=0.8)
        right.annotate(f"whole effective balance ({eb_eth:g} ETH)", (2, eb_eth),
                       xytext=(0, -14), textcoords="offset points", fontsize=9)
        in_zoom = [c.total_penalty[c.share <= zoom_share] for c in curves]
        zoom_top = max((float(v.max()) for v in in_zoom if v.size), default=1.0) / GWEI_PER_ETH
        left.set_ylim(0, 1.3 * max(zoom_top, 1e-9))
        right.set_ylim(0, eb_eth * 1.15)
    finish(left, xlabel="stake slashed in the window (% of total)",
           ylabel=f"penalty of a {eb_eth:g}-ETH validator (ETH)",
           title=f"First {100 * zoom_share:g}% of stake", legend=True)
    finish(right, xlabel="stake slashed in the window (% of total)",
           ylabel=f"penalty of a {eb_eth:g}-ETH validator (ETH)", title="Whole range")
    return fig


def plot_penalty_schedules(prior_offences: np.ndarray, by_repeat: Mapping[str, np.ndarray],
                           share_slashed: np.ndarray,
                           by_correlation: Mapping[str, np.ndarray]) -> Figure:
    """Compare penalty schedules: against repeat offences (left) and against correlation (right).

    Parameters
    ----------
    prior_offences : numpy.ndarray
        Number of earlier offences (x of the left panel).
    by_repeat : mapping of str to numpy.ndarray
        Penalty as a share of stake (0..1) for each schedule, against ``prior_offences``.
    share_slashed : numpy.ndarray
        Share of all stake slashed in the window, this offender included (0..1).
    by_correlation : mapping of str to numpy.ndarray
        Penalty as a share of stake for each schedule, against ``share_slashed``.

    Returns
    -------
    matplotlib.figure.Figure
    """
    x1 = v.array("prior_offences", prior_offences, ndim=1, lo=0.0, whole=True,
                 max_size=10_000)
    x2 = v.array("share_slashed", share_slashed, ndim=1, lo=0.0, hi=1.0, max_size=100_000)
    by_repeat = v.curves("by_repeat", by_repeat, length=x1.size)
    by_correlation = v.curves("by_correlation", by_correlation, length=x2.size)
    fig, (left, right) = new_figure(1, 2, width=9.0, height=3.8)
    with plt.rc_context(STYLE):
        for i, (label, y) in enumerate(by_repeat.items()):
            left.plot(x1 + 1, 100 * np.asarray(y), marker="o", color=CYCLE[i % len(CYCLE)],
                      label=label)
        left.set_xticks(x1 + 1)
        for i, (label, y) in enumerate(by_correlation.items()):
            right.plot(100 * x2, 100 * np.asarray(y), color=CYCLE[i % len(CYCLE)], label=label)
        for ax in (left, right):
            ax.set_ylim(0, 105)
    finish(left, xlabel="offence number (1 = first)", ylabel="penalty (% of stake)",
           title="Repeat offences", legend=True)
    finish(right, xlabel="stake slashed in the window (% of total)",
           ylabel="penalty (% of stake)", title="Correlated offences", legend=True)
    return fig


def plot_deterrence(d: Deterrence, curve: DeterrenceCurve, *, unit: str = "tokens") -> Figure:
    """Expected penalty against the attacker's stake, with the profit it must beat.

    The attack pays to the left of the deterrent stake (shaded), where the expected penalty
    is below the profit; the marker is the attacker's actual stake.

    Parameters
    ----------
    d : Deterrence
        The setting, from :func:`seqlearn.slashing.deterrence`.
    curve : DeterrenceCurve
        From :func:`seqlearn.slashing.deterrence_curve`.
    unit : str
        Token unit for the axis labels.

    Returns
    -------
    matplotlib.figure.Figure
    """
    v.instance("d", d, Deterrence)
    v.instance("curve", curve, DeterrenceCurve)
    unit = v.text("unit", unit)
    fig, ax = new_figure(width=7.0, height=4.0)
    top = float(curve.stake[-1])
    with plt.rc_context(STYLE):
        ax.plot(curve.stake, curve.expected_penalty, color=COLORS["blue"],
                label="expected penalty")
        ax.axhline(d.profit, color=COLORS["orange"], linestyle="--", label="attack profit")
        s_star = d.deterrent_stake
        if math.isfinite(s_star) and s_star <= top:
            ax.axvspan(0, s_star, color=COLORS["orange"], alpha=0.12, linewidth=0,
                       label="attack pays")
            ax.axvline(s_star, color=COLORS["grey"], linewidth=1)
            ax.annotate(f"deterrent stake {s_star:,.0f}" if s_star >= 100 else
                        f"deterrent stake {s_star:.3g}", (s_star, 0), xytext=(4, 6),
                        textcoords="offset points", fontsize=9, color=COLORS["black"])
        else:
            ax.axvspan(0, top, color=COLORS["orange"], alpha=0.12, linewidth=0,
                       label="attack pays")
        ax.plot([d.stake], [d.expected_penalty], "o", color=COLORS["black"],
                label="actual stake")
        ax.set_xlim(0, top)
        ymax = max(float(curve.expected_penalty.max()), d.profit, 1e-12)
        ax.set_ylim(0, 1.1 * ymax)
    verdict = "attack pays" if d.attack_pays else "attack deterred"
    finish(ax, xlabel=f"attacker stake ({unit})", ylabel=f"amount ({unit})",
           title=f"Stake {d.stake:,.0f} {unit}: {verdict}", legend=True)
    return fig
