"""Fuzz baselines for seqlearn.optimistic."""

RESULT = "a result type: built by the model, not from user input"
ALLOW_NONFINITE = {"min_secure_window": "math.inf when no window is secure (documented)"}
SKIP = {"MonteCarloSurvival": RESULT, "AttackOutcome": RESULT, "LPFee": RESULT,
        "SettlementMargin": RESULT, "WithdrawalDelay": RESULT, "WindowTradeoff": RESULT}

BASELINES = {
    "days_to_blocks": dict(days=[1.0, 7.0]),
    "blocks_to_days": dict(blocks=45818),
    "survival_probability": dict(window_blocks=[0, 3, 100], watchers=2, availability=0.5,
                                 censor_blocks=1, common_mode=0.1),
    "simulate_survival": dict(window_blocks=3, watchers=1, availability=0.5, censor_blocks=1,
                              common_mode=0.0, paths=2_000, seed=1),
    "censorship_cost": dict(window_blocks=100, watchers=1, availability=0.5,
                            cost_per_block=2.0, target=0.25, common_mode=0.0),
    "best_attack": dict(window_blocks=100, watchers=1, availability=0.5, cost_per_block=2.0,
                        value=1000.0, bond=10.0, common_mode=0.0),
    "min_secure_window": dict(watchers=5, availability=0.01, cost_per_block=2.0,
                              value=1000.0, bond=5.0, common_mode=0.01),
    "locked_capital_cost": dict(amount=10_000_000, rate=0.05, days=7,
                                compounding="continuous", days_per_year=365.0),
    "lp_fee": dict(amount=1_000_000, rate=0.05, delay_days=7, p_overturn=1e-4, margin=5e-4,
                   compounding="continuous", days_per_year=365.0),
    "settlement_margin": dict(notional=10e6, volatility=0.6, delay_days=7, confidence=0.99,
                              model="normal", side="long", rate=0.05, days_per_year=365.0),
    "withdrawal_delays": dict(),
    "window_tradeoff": dict(window_days=7, watchers=3, availability=1e-4,
                            censor_blocks=20_000, rate=0.05, p_overturn=0.0, margin=0.0,
                            max_days=14.0, points=41),
}
