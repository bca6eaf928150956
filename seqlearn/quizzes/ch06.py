"""Quick checks for the chapter on collateral risk."""

import numpy as np

from seqlearn import risk

_LOSSES = np.arange(1, 21)
_ALPHA = 0.1
_VAR = risk.value_at_risk(_LOSSES, _ALPHA)
_ES = risk.expected_shortfall(_LOSSES, _ALPHA)

QUESTIONS = [
    dict(id="ch06-var", kind="number",
         question=f"A provider's simulated losses are 1, 2, ..., 20 (twenty equally "
                  f"likely outcomes). What is the value-at-risk at tail probability "
                  f"{_ALPHA}?",
         answer=_VAR, rel_tol=0, abs_tol=1e-9, unit="",
         explain=f"At most {int(_ALPHA * 20)} losses may exceed the VaR: it is the "
                 f"{20 - int(_ALPHA * 20)}th smallest loss, {_VAR:g}."),
    dict(id="ch06-es", kind="number",
         question=f"And the expected shortfall at the same tail probability {_ALPHA}?",
         answer=_ES, rel_tol=0, abs_tol=1e-9, unit="",
         explain=f"The mean of the worst {_ALPHA:.0%} of outcomes, (20 + 19) / 2 = "
                 f"{_ES:g}: it says how deep the tail is, not only where it starts."),
    dict(id="ch06-coherent", kind="choice",
         question="Which risk measure is coherent (it never penalises diversification)?",
         options=["Value-at-risk", "Expected shortfall", "Both", "Neither"],
         answer=1,
         explain="Expected shortfall is subadditive and coherent; value-at-risk can "
                 "rate a diversified position as riskier than its parts."),
    dict(id="ch06-impact", kind="choice",
         question="Under the square-root law of market impact, selling four times as "
                  "many tokens moves the average price down by about",
         options=["the same amount", "twice as much", "four times as much",
                  "sixteen times as much"],
         answer=1,
         explain="Impact grows with the square root of the amount sold: sqrt(4) = 2. "
                 "A large stake in a thin token is worth less than stake times price."),
    dict(id="ch06-wrong-way", kind="choice",
         question="How does the chapter measure wrong-way risk?",
         options=["By asking token holders.",
                  "By running the simulation twice on the same random numbers, with "
                  "the price jump at a failure switched on and off.",
                  "By comparing two different tokens.",
                  "By doubling the volatility."],
         answer=1,
         explain="Common random numbers make the difference between the two runs the "
                 "effect of the jump alone, not simulation noise."),
]
