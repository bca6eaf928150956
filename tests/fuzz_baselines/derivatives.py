"""Fuzz baselines for seqlearn.derivatives."""
from fuzz_baselines import fixed
from seqlearn import collateral, derivatives as d

RESULT = "a result type: built by the model, not from user input"
SKIP = {"Greeks": RESULT, "StopGap": RESULT, "BookResult": RESULT, "GraceTradeoff": RESULT,
        "OutageAddon": RESULT, "FrontRun": RESULT}

DEEP = "a perfectly deep market has daily_volume=inf by design (collateral.DEEP_MARKET)"
ALLOW_NONFINITE = {"random_book": DEEP, "Book": DEEP}

_BOOK = d.Book(health=[0.97, 1.02, 1.1, 1.5], collateral=[100.0, 200.0, 50.0, 10.0],
               price=2.0, market=collateral.Market(daily_volume=1e4, impact=0.1))
_THIN = collateral.Market(daily_volume=1e6, impact=0.1)


def _v36(health_factor, seconds):
    return health_factor < 1 and (health_factor < 0.95 or seconds > 3600)


BASELINES = {
    "black_scholes": dict(spot=42.0, strike=40.0, vol=0.2, t=0.5, rate=0.1, kind="call"),
    "greeks": dict(spot=100.0, strike=100.0, vol=0.2, t=1.0, rate=0.0, kind="put"),
    "outage_move_sd": dict(vol=0.8, minutes=120.0, jump_vol=0.01),
    "gap_probability": dict(health_factor=[1.0, 1.05], vol=0.8, minutes=420.0,
                            threshold=0.95, jump_mean=-0.01, jump_vol=0.02, side="long"),
    "gap_probability_mc": dict(health_factor=1.02, vol=0.8, minutes=420.0, n_paths=1000,
                               seed=1),
    "stop_gap": dict(spot=100.0, level=98.0, vol=0.8, minutes=420.0, jump_mean=0.0,
                     jump_vol=0.01, side="long"),
    "Book": dict(health=[1.1, 1.3], collateral=[10.0, 20.0], price=2000.0,
                 liquidation_threshold=0.8, bonus=0.05, market=_THIN),
    "random_book": dict(n_positions=50, seed=1, market=_THIN),
    "LiquidationRule": dict(grace_period=3600.0, hf_immediate=0.95),
    "LiquidationRule.from_allowed": dict(allowed=fixed(_v36, "a rule function"),
                                         grace_period=3600.0),
    "cascade": dict(book=fixed(_BOOK, "a Book, validated when built"), ratio=[0.95, 1.0],
                    hf_threshold=1.0),
    "simulate_book": dict(book=fixed(_BOOK, "a Book, validated when built"),
                          rule=d.LiquidationRule(3600.0), n_scenarios=20, minutes=240.0,
                          seed=1),
    "grace_tradeoff": dict(book=fixed(_BOOK, "a Book, validated when built"),
                           grace_periods=[0.0, 3600.0], n_scenarios=20, minutes=240.0,
                           seed=1),
    "hedging_error": dict(minutes=[30.0, 120.0], n_paths=200, seed=1),
    "outage_addon": dict(rate_per_year=1.0, n_paths=500, seed=1, jump_vol=0.02),
    "frontrun_sale": dict(quantity=2e5, price=1.0, market=_THIN, tolerance=0.01),
}
