"""Fuzz baselines for seqlearn.risk."""
from fuzz_baselines import fixed
from seqlearn import risk

RESULT = "a result type: built by the model, not from user input"
SKIP = {"CollateralSimulation": RESULT, "ExpectedCollateral": RESULT, "RiskMeasures": RESULT}

_MODEL = dict(n_sequencers=3, stake=[100.0, 200.0, 300.0], price=1.0, mu=0.0, reward=0.1)
_SIM = risk.simulate_collateral(n_paths=50, n_epochs=5, sigma=0.6, p_fault=0.05,
                                slash_fraction=0.1, jump=0.05, seed=1, **_MODEL)

BASELINES = {
    "Scenario": dict(name="outage", frequency=0.01, slash_fraction=0.001, price_impact=0.01,
                     description="d"),
    "CommonShock": dict(probability=0.002, hit_probability=1.0, slash_fraction=0.05,
                        price_impact=0.1, name="bug"),
    "simulate_collateral": dict(n_paths=50, n_epochs=5, sigma=0.6, p_fault=0.05,
                                slash_fraction=0.1, jump=0.05, seed=1, threshold=300.0,
                                chunk_size=16, **_MODEL),
    "simulate_scenarios": dict(n_paths=50, n_epochs=5, sigma=0.6, seed=1,
                               scenarios=["downtime", "data_availability"],
                               common_shock=risk.CommonShock(0.01, 1.0, 0.05, 0.1),
                               threshold=300.0, chunk_size=16, **_MODEL),
    "expected_collateral": dict(n_epochs=5, p_fault=0.05, slash_fraction=0.1, jump=0.05,
                                sigma=0.6, **_MODEL),
    "expected_scenarios": dict(n_epochs=5, scenarios=["downtime"],
                               common_shock=risk.CommonShock(0.01, 1.0, 0.05, 0.1),
                               sigma=0.6, **_MODEL),
    "value_at_risk": dict(losses=list(range(1, 101)), alpha=0.05),
    "expected_shortfall": dict(losses=list(range(1, 101)), alpha=0.05),
    "risk_measures": dict(result=fixed(_SIM, "a model result, checked as an instance"),
                          alpha=0.05),
}
