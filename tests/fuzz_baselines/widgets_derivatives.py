"""Fuzz baselines for seqlearn.widgets.derivatives."""
from fuzz_baselines import fixed
from seqlearn.widgets import derivatives as w

BASELINES = {
    "tradeoff": dict(w.DEFAULTS, hf_immediate=0.95, n_scenarios=20),
    "marks": dict(tradeoffs=fixed({"Aave": w.tradeoff(**w.DEFAULTS, n_scenarios=10)},
                                  "model results, not user input")),
    "render": dict(w.DEFAULTS),
    "grace_explorer": dict(),
}
