"""The explorer of the chapter on optimistic systems: the challenge-window trade-off.

Sliders set the window length, the number of watchers, each watcher's availability per
L1 block and the blocks the attacker censors; the figure shows the probability that a
fraud survives and the fee of a fast exit across window lengths.
"""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

from seqlearn.optimistic import window_tradeoff
from seqlearn.plotting.optimistic import plot_window_tradeoff
from seqlearn.widgets import explorer

__all__ = ["DEFAULTS", "render", "window_explorer"]

#: The explorer's starting point; the chapter's static figure shows exactly this setting.
DEFAULTS: dict[str, float] = {
    "window_days": 7.0,
    "watchers": 3,
    "availability": 1e-4,
    "censor_blocks": 20_000,
}


def render(window_days: float, watchers: int, availability: float,
           censor_blocks: float) -> Figure:
    """One update's compute path: the model, then the figure (not displayed).

    Parameters
    ----------
    window_days, watchers, availability, censor_blocks :
        As in :func:`seqlearn.optimistic.window_tradeoff`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig = render(**DEFAULTS)
    >>> len(fig.axes)
    2
    >>> plt.close(fig)
    """
    return plot_window_tradeoff(window_tradeoff(window_days, watchers, availability,
                                                censor_blocks))



def window_explorer() -> Any:
    """Return the live explorer (an ipywidgets box) for the challenge-window trade-off.

    Returns
    -------
    ipywidgets.VBox
        Four sliders above the figure of :func:`seqlearn.plotting.optimistic.plot_window_tradeoff`.
    """
    import ipywidgets as w

    style = {"description_width": "initial"}
    controls = {
        "window_days": w.FloatSlider(value=DEFAULTS["window_days"], min=0.5, max=14.0,
                                     step=0.5, description="window (days)", style=style),
        "watchers": w.IntSlider(value=DEFAULTS["watchers"], min=1, max=20,
                                description="watchers", style=style),
        "availability": w.FloatLogSlider(value=DEFAULTS["availability"], base=10, min=-6,
                                         max=-1, step=0.25, readout_format=".1e",
                                         description="availability per block", style=style),
        "censor_blocks": w.IntSlider(value=DEFAULTS["censor_blocks"], min=0, max=100_000,
                                     step=1000, description="censored blocks", style=style),
    }
    return explorer(render, controls)
