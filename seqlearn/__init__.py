"""seqlearn: the models behind the textbook on layer-2 rollup sequencers.

Modules
-------
params      protocol constants, each with its source and the version it holds for
data        small bundled data sets (CSV) with their sources, such as documented outages
rollup      a rollup's sequencing pipeline: mempool, ordering, batches, forced inclusion
staking     a sequencer collateral registry with exact accounting
slashing    offences and evidence, penalty schedules, Ethereum's slashing, deterrence
fraudproof  a toy VM, the bisection game, one-step proofs, bonds and clocks
optimistic  the challenge window: security, locked capital, fast exits, settlement
risk        a vectorised Monte Carlo engine for collateral risk, VaR and expected shortfall
collateral  liquidation value and the optimal collateralisation ratio
stability   outage statistics with intervals, failover, soft confirmations, uptime oracles
derivatives options, gap risk and a lending book through a sequencer outage
fees        L1 fee markets (EIP-4844 blobs by fork, calldata), OP and Arbitrum L1 fees
economics   a sequencer's P&L, the Superchain revenue share, Timeboost's auction
decentralization  leader selection, BFT committees, concentration, censorship, preconfs
shared      shared sequencers: atomic inclusion and execution, cross-rollup arbitrage
exercises   self-checks for the exercises (``seqlearn.exercises.chNN``)
plotting    the house figure style and the book's figures (imports matplotlib)
widgets     live explorers for Jupyter (imports ipywidgets)

The main names of the models are available at the top level:

>>> import seqlearn
>>> seqlearn.params.value("metis.min_lock")
20000
>>> seqlearn.ethereum_slashing_penalty(32 * 10**9, 32 * 10**9, 30_720_000 * 10**9, "bellatrix").initial_penalty
1000000000
"""

from seqlearn import (collateral, data, decentralization, derivatives, economics, exercises,
                      fees, fraudproof, optimistic, params, risk, rollup, shared, slashing,
                      stability, staking)
from seqlearn.collateral import Market, frontier, liquidation_value, required_stake
from seqlearn.derivatives import black_scholes, gap_probability, grace_tradeoff, simulate_book
from seqlearn.economics import daily_pnl, superchain_revenue_share
from seqlearn.fees import blob_base_fee, next_excess_blob_gas, op_l1_fee
from seqlearn.fraudproof import VM, op_dispute_bond, play_bisection, simulate_dispute
from seqlearn.optimistic import lp_fee, settlement_margin, survival_probability
from seqlearn.risk import (expected_collateral, expected_shortfall, simulate_collateral,
                           simulate_scenarios, value_at_risk)
from seqlearn.rollup import RollupConfig, poisson_workload, simulate
from seqlearn.slashing import apply_slash, deterrence, ethereum_slashing_penalty
from seqlearn.stability import (aave_liquidation_allowed, expected_downtime, outage_stats,
                                simulate_cluster)
from seqlearn.staking import StakingRegistry, capital_cost

__all__ = [
    "params", "data", "rollup", "staking", "slashing", "fraudproof", "optimistic", "risk",
    "collateral", "derivatives", "stability", "fees", "economics", "decentralization",
    "shared", "exercises",
    "RollupConfig", "poisson_workload", "simulate",
    "StakingRegistry", "capital_cost",
    "apply_slash", "deterrence", "ethereum_slashing_penalty",
    "VM", "op_dispute_bond", "play_bisection", "simulate_dispute",
    "lp_fee", "settlement_margin", "survival_probability",
    "expected_collateral", "expected_shortfall", "simulate_collateral", "simulate_scenarios",
    "value_at_risk",
    "Market", "frontier", "liquidation_value", "required_stake",
    "black_scholes", "gap_probability", "grace_tradeoff", "simulate_book",
    "outage_stats", "expected_downtime", "simulate_cluster", "aave_liquidation_allowed",
    "blob_base_fee", "next_excess_blob_gas", "op_l1_fee", "daily_pnl",
    "superchain_revenue_share",
]
__version__ = "0.1.0"
