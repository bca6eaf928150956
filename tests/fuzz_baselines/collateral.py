"""Fuzz baselines for seqlearn.collateral."""
from seqlearn import collateral as c

RESULT = "a result type: built by the model, not from user input"
SKIP = {"FailureSample": RESULT, "RequiredStake": RESULT, "Frontier": RESULT,
        "Decomposition": RESULT, "CollateralReport": RESULT}

INF = "math.inf by design (documented): an infinitely deep market or an unreachable amount"
ALLOW_NONFINITE = {"Market": INF, "max_liquidation_value": INF, "tokens_to_raise": INF,
                   "simulate_failures": INF, "required_stake": INF, "frontier": INF,
                   "decompose_requirement": INF, "collateral_report": INF,
                   "coverable_loss": INF}

_M = c.Market(daily_volume=1e6, impact=0.1, haircut=0.02, days=2)
_CM = c.CollateralModel(loss=1.0, price=1.0, volatility=0.6, fault_rate=0.2, jump=0.25,
                        market=_M)

BASELINES = {
    "Market": dict(daily_volume=5e6, impact=0.05, haircut=0.02, days=3),
    "impact_from_volatility": dict(volatility=0.8, y=1.0),
    "liquidation_value": dict(quantity=[0.0, 1e5, 1e6], price=2.0, market=_M),
    "liquidation_price": dict(quantity=[0.0, 1e5], price=2.0, market=_M),
    "tokens_to_raise": dict(amount=[10.0, 1e5], price=2.0, market=_M),
    "max_liquidation_value": dict(price=2.0, market=_M),
    "CollateralModel": dict(loss=1.0, price=1.0, volatility=0.6, fault_rate=0.2, jump=0.25,
                            market=_M, drift=0.0, horizon=1.0, capital_cost=0.05),
    "simulate_failures": dict(model=_CM, n_paths=200, seed=3),
    "coverage_probability": dict(stake=3.0, model=_CM, n_paths=200, seed=0),
    "required_stake": dict(model=_CM, alpha=0.05, n_paths=200, seed=0),
    "frontier": dict(model=_CM, alphas=[0.1, 0.05], n_paths=200, seed=0),
    "decompose_requirement": dict(model=_CM, alpha=0.05, n_paths=200, seed=0),
    "collateral_report": dict(model=_CM, alpha=0.05, alphas=(0.2, 0.1), n_paths=200, seed=0),
    "coverable_loss": dict(stake=1000.0, model=_CM, alpha=0.05, n_paths=200, seed=0),
}
