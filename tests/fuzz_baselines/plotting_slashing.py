"""Fuzz baselines for seqlearn.plotting.slashing."""
from fractions import Fraction

import numpy as np

from seqlearn import slashing as s

_D = s.deterrence(1_000, 0.5, 0.5, 0.2, 2_000)
_K = np.arange(4)
_SH = np.linspace(0, 0.5, 6)

BASELINES = {
    "plot_ethereum_penalties": dict(curves=[s.ethereum_penalty_curve(
        f, points=11, max_share=Fraction(1, 10)) for f in ("bellatrix", "electra")],
        zoom_share=0.05),
    "plot_penalty_schedules": dict(prior_offences=_K, by_repeat={"esc": 0.01 * 2.0**_K},
                                   share_slashed=_SH, by_correlation={"corr": 3 * _SH}),
    "plot_deterrence": dict(d=_D, curve=s.deterrence_curve(_D, points=11), unit="tokens"),
}
