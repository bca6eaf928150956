"""Tests of seqlearn.fees against direct transcriptions of the EIPs and the OP contract.

The reference functions below are written from the EIP texts as printed (EIP-4844
``fake_exponential`` and ``calc_excess_blob_gas``; EIP-7691/EIP-7892 blob schedules;
EIP-7918's reserve-price ``calc_excess_blob_gas``), one block at a time, with no shortcut.
The library's fast paths must agree with them to the wei over random block sequences.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seqlearn import fees, params

GAS_PER_BLOB = 2**17
BLOB_BASE_COST = 2**13
# (target, max, update fraction) as printed in EIP-4844, EIP-7691, the Osaka execution
# spec (gas.py), EIP-8134 (BPO1) and EIP-8135 (BPO2).
SCHEDULES = {
    "cancun": (3, 6, 3338477),
    "prague": (6, 9, 5007716),
    "osaka": (6, 9, 5007716),
    "bpo1": (10, 15, 8346193),
    "bpo2": (14, 21, 11684671),
}
RESERVE = {"osaka", "bpo1", "bpo2"}


def ref_fake_exponential(factor, numerator, denominator):
    i = 1
    output = 0
    numerator_accum = factor * denominator
    while numerator_accum > 0:
        output += numerator_accum
        numerator_accum = (numerator_accum * numerator) // (denominator * i)
        i += 1
    return output // denominator


def ref_get_base_fee_per_blob_gas(excess_blob_gas, fork):
    return ref_fake_exponential(1, excess_blob_gas, SCHEDULES[fork][2])


def ref_calc_excess_blob_gas(parent_excess, parent_used, parent_base_fee, fork):
    target, mx, _ = SCHEDULES[fork]
    target_blob_gas = GAS_PER_BLOB * target
    if parent_excess + parent_used < target_blob_gas:
        return 0
    if fork in RESERVE:  # EIP-7918
        if BLOB_BASE_COST * parent_base_fee > GAS_PER_BLOB * ref_get_base_fee_per_blob_gas(
                parent_excess, fork):
            return parent_excess + parent_used * (mx - target) // mx
    return parent_excess + parent_used - target_blob_gas


def ref_chain(blobs, fork, base_fees, excess0=0):
    excess, e = [], excess0
    for k, b in zip(blobs, base_fees):
        excess.append(e)
        e = ref_calc_excess_blob_gas(e, k * GAS_PER_BLOB, b, fork)
    return excess, [ref_get_base_fee_per_blob_gas(x, fork) for x in excess]


# --- constants ---------------------------------------------------------------------------

def test_params_match_the_eips():
    expected = {
        "ethereum.blob.min_base_fee": 1, "ethereum.blob.base_cost": 2**13,
        "ethereum.field_elements_per_blob": 4096, "ethereum.blob.op_max_data_bytes": 130_044,
        "ethereum.calldata_gas_per_zero_byte": 4,
        "ethereum.eip7623.standard_token_cost": 4, "ethereum.eip7623.floor_per_token": 10,
        "ethereum.fork_time.cancun": 1_710_338_135, "ethereum.fork_time.prague": 1_746_612_311,
        "ethereum.fork_time.osaka": 1_764_798_551, "ethereum.fork_time.bpo1": 1_765_290_071,
        "ethereum.fork_time.bpo2": 1_767_747_671,
        "op.fjord.intercept": -42_585_600, "op.fjord.fastlz_coef": 836_500,
        "op.fjord.min_tx_size": 100, "op.fjord.unsigned_tx_padding": 68,
        "op.max_fee_scalar": 10_000_000, "op.max_minimum_base_fee": 10 * 10**9,
        "arbitrum.l1pricing.units_per_byte": 16, "arbitrum.l1pricing.initial_inertia": 10,
        "arbitrum.l1pricing.initial_equilibration_units_v6": 160_000_000,
        "arbitrum.l1pricing.initial_per_unit_reward": 10,
    }
    for key, val in expected.items():
        assert params.value(key) == val, key
    for fork, (target, mx, frac) in SCHEDULES.items():
        assert params.value(f"ethereum.blob.{fork}.target") == target
        assert params.value(f"ethereum.blob.{fork}.max") == mx
        assert params.value(f"ethereum.blob.{fork}.update_fraction") == frac
    # the keys named in full, for the registry's coverage guard
    named = ["ethereum.blob.cancun.target", "ethereum.blob.cancun.max",
             "ethereum.blob.cancun.update_fraction", "ethereum.blob.prague.target",
             "ethereum.blob.prague.max", "ethereum.blob.prague.update_fraction",
             "ethereum.blob.osaka.target", "ethereum.blob.osaka.max",
             "ethereum.blob.osaka.update_fraction", "ethereum.blob.bpo1.target",
             "ethereum.blob.bpo1.max", "ethereum.blob.bpo1.update_fraction",
             "ethereum.blob.bpo2.target", "ethereum.blob.bpo2.max",
             "ethereum.blob.bpo2.update_fraction"]
    assert all(k in params.REGISTRY for k in named)


def test_schedule_and_steps():
    assert fees.FORKS == tuple(SCHEDULES)
    for fork, (target, mx, frac) in SCHEDULES.items():
        s = fees.blob_schedule(fork)
        assert (s.target, s.max, s.update_fraction) == (target, mx, frac)
        assert s.reserve_price == (fork in RESERVE)
    up, down = fees.blob_schedule("cancun").max_step()
    assert round(100 * up, 1) == 12.5 and round(100 * down, 1) == 11.1
    for fork in ("prague", "osaka", "bpo1", "bpo2"):
        up, down = fees.blob_schedule(fork).max_step()
        assert round(100 * up, 2) == pytest.approx(8.17, abs=0.01)
        assert round(100 * down, 1) == 14.5


def test_fork_at_boundaries():
    for fork in fees.FORKS:
        t = params.value(f"ethereum.fork_time.{fork}")
        assert fees.fork_at(t) == fork
    assert fees.fork_at(params.value("ethereum.fork_time.prague") - 1) == "cancun"
    with pytest.raises(ValueError, match="timestamp"):
        fees.fork_at(0)


# --- fake_exponential and the fee -------------------------------------------------------

def test_fake_exponential_known_values():
    f = 3338477
    assert fees.fake_exponential(1, 10 * f, f) == 22026      # e**10 = 22026.47
    assert fees.fake_exponential(1, 0, f) == 1
    assert fees.fake_exponential(1, f, f) == 2                # floor of e
    assert fees.fake_exponential(10**9, f, f) == 2718281828
    assert fees.fake_exponential(0, 5, 1) == 0
    assert fees.blob_base_fee(0, "cancun") == 1


@settings(max_examples=300)
@given(st.integers(0, 10**6), st.integers(0, 10**9), st.integers(1, 10**8))
def test_fake_exponential_is_the_eip_series(factor, numerator, denominator):
    if numerator // denominator > fees.MAX_EXPONENT:
        return
    got = fees.fake_exponential(factor, numerator, denominator)
    assert got == ref_fake_exponential(factor, numerator, denominator)
    if factor and denominator >= 10**5 and numerator // denominator < 50:
        # with a large denominator the rounded series stays just below factor * e**x
        exact = factor * math.exp(numerator / denominator)
        assert got <= exact * (1 + 1e-12) + 1
        assert got >= exact * (1 - 1e-3) - 1


@given(st.sampled_from(fees.FORKS), st.integers(0, 300 * 11684671))
def test_blob_base_fee_matches_reference(fork, excess):
    assert fees.blob_base_fee(excess, fork) == ref_get_base_fee_per_blob_gas(excess, fork)


# --- one step -------------------------------------------------------------------------

@settings(max_examples=400)
@given(st.sampled_from(fees.FORKS), st.integers(0, 200 * 11684671), st.data(),
       st.integers(0, 10**12))
def test_next_excess_matches_reference(fork, excess, data, base_fee):
    k = data.draw(st.integers(0, SCHEDULES[fork][1]))
    got = fees.next_excess_blob_gas(excess, k * GAS_PER_BLOB, fork=fork,
                                    base_fee_per_gas=base_fee)
    assert got == ref_calc_excess_blob_gas(excess, k * GAS_PER_BLOB, base_fee, fork)


def test_reserve_price_branch_by_hand():
    # Osaka, parent at excess 0 (fee 1 wei) with 1 gwei base fee: the reserve test holds
    # (8192e9 > 131072 * 1), so 9 blobs add 9 * 2**17 * 3 // 9 = 393216, same as Prague's
    # full-block step, and a block at target adds 6 * 2**17 * 3 // 9 instead of 0.
    assert fees.next_excess_blob_gas(0, 9 * GAS_PER_BLOB, fork="osaka",
                                     base_fee_per_gas=10**9) == 393216
    assert fees.next_excess_blob_gas(0, 6 * GAS_PER_BLOB, fork="osaka",
                                     base_fee_per_gas=10**9) == 262144
    assert fees.next_excess_blob_gas(0, 6 * GAS_PER_BLOB, fork="prague") == 0
    # below target the first test still returns 0, reserve or not
    assert fees.next_excess_blob_gas(0, 5 * GAS_PER_BLOB, fork="osaka",
                                     base_fee_per_gas=10**9) == 0
    # base fee 0: reserve never binds, EIP-4844 rule
    assert fees.next_excess_blob_gas(0, 7 * GAS_PER_BLOB, fork="osaka",
                                     base_fee_per_gas=0) == GAS_PER_BLOB
    assert fees.reserve_blob_base_fee(16) == 1.0


@given(st.sampled_from(fees.FORKS), st.integers(0, 50 * 3338477), st.data(),
       st.integers(0, 10**11))
def test_any_gas_amount_follows_the_pseudo_code(fork, excess, data, base_fee):
    used = data.draw(st.integers(0, SCHEDULES[fork][1] * GAS_PER_BLOB))
    assert fees.next_excess_blob_gas(excess, used, fork=fork, base_fee_per_gas=base_fee) == \
        ref_calc_excess_blob_gas(excess, used, base_fee, fork)


def test_osaka_needs_the_base_fee():
    for fork in ("osaka", "bpo1", "bpo2"):
        with pytest.raises(ValueError, match="base_fee_per_gas"):
            fees.next_excess_blob_gas(0, 0, fork=fork)
    assert fees.next_excess_blob_gas(0, 0, fork="prague") == 0


@pytest.mark.parametrize("call, name", [
    (lambda: fees.blob_base_fee(-1, "cancun"), "excess_blob_gas"),
    (lambda: fees.blob_base_fee(1.5, "cancun"), "excess_blob_gas"),
    (lambda: fees.blob_base_fee(0, "Cancun"), "fork"),
    (lambda: fees.blob_base_fee(0, "pectra"), "fork"),
    (lambda: fees.next_excess_blob_gas(0, 7 * 2**17, fork="cancun"), "blob_gas_used"),
    (lambda: fees.next_excess_blob_gas(0, -2**17, fork="cancun"), "blob_gas_used"),
    (lambda: fees.next_excess_blob_gas(0, 0, fork="osaka", base_fee_per_gas=1.0),
     "base_fee_per_gas"),
    (lambda: fees.fake_exponential(1, 1, 0), "denominator"),
    (lambda: fees.fake_exponential(1, 10**12, 1), "numerator"),
    (lambda: fees.op_l1_fee(100, l1_base_fee=1, l1_blob_base_fee=1,
                            base_fee_scalar=10**7 + 1, blob_base_fee_scalar=0),
     "base_fee_scalar"),
    (lambda: fees.op_l1_fee(100, l1_base_fee=1.5, l1_blob_base_fee=1,
                            base_fee_scalar=1, blob_base_fee_scalar=0), "l1_base_fee"),
    (lambda: fees.op_l1_fee(-1, l1_base_fee=1, l1_blob_base_fee=1,
                            base_fee_scalar=1, blob_base_fee_scalar=0), "fastlz_size"),
    (lambda: fees.calldata_gas(10, zero_bytes=11), "zero_bytes"),
    (lambda: fees.op_base_fee_with_minimum(1, 11 * 10**9), "min_base_fee"),
])
def test_bad_input_names_the_argument(call, name):
    with pytest.raises((ValueError, TypeError), match=name):
        call()


# --- paths over many blocks -------------------------------------------------------------

@settings(max_examples=60)
@given(st.sampled_from(fees.FORKS), st.integers(0, 2**32 - 1), st.integers(1, 400),
       st.integers(0, 30 * 3338477))
def test_excess_path_matches_the_eip_chain(fork, seed, n, excess0):
    rng = np.random.default_rng(seed)
    mx = SCHEDULES[fork][1]
    # bursts of full blocks and droughts, so both branches and the zero floor occur
    blobs = np.where(rng.random(n) < 0.5, mx, rng.integers(0, mx + 1, n))
    base_fees = rng.integers(0, 3 * 10**11, n)
    path = fees.excess_path(blobs, fork=fork, base_fee_per_gas=base_fees, excess0=excess0)
    excess, fee = ref_chain(blobs.tolist(), fork, base_fees.tolist(), excess0)
    assert path.excess.tolist() == excess
    assert path.fee.tolist() == fee


@pytest.mark.parametrize("fork", fees.FORKS)
def test_market_simulation_is_exact(fork):
    # Replaying the simulated blob counts through the reference gives the same chain,
    # for a constant base fee (the tabulated fast path) and a varying one.
    demand = fees.BlobDemand(base=SCHEDULES[fork][0], reference_fee=1e6, elasticity=0.4,
                             burst_factor=2.5, burst_start=0.01, burst_end=0.05)
    rng = np.random.default_rng(3)
    for base_fee in (5 * 10**9, rng.integers(10**8, 10**11, 3000)):
        path = fees.simulate_blob_market(3000, fork=fork, demand=demand,
                                         base_fee_per_gas=base_fee, seed=7)
        bf = [int(base_fee)] * 3000 if np.ndim(base_fee) == 0 else base_fee.tolist()
        excess, fee = ref_chain(path.blobs.tolist(), fork, bf)
        assert path.excess.tolist() == excess
        assert path.fee.tolist() == fee
        assert path.blobs.max() <= SCHEDULES[fork][1]
        replay = fees.excess_path(path.blobs, fork=fork,
                                  base_fee_per_gas=np.asarray(bf, dtype=np.int64))
        assert replay.reserve_active.tolist() == path.reserve_active.tolist()


def test_market_reserve_keeps_the_fee_up():
    # With a high execution base fee, Osaka's reserve price holds the blob fee near
    # base_fee / 16, far above where Prague's market settles.
    weak = fees.BlobDemand(base=2.0, reference_fee=1e6, elasticity=0.2, burst_start=0.0)
    pr = fees.simulate_blob_market(20_000, fork="prague", demand=weak,
                                   base_fee_per_gas=10**10, seed=1)
    osa = fees.simulate_blob_market(20_000, fork="osaka", demand=weak,
                                    base_fee_per_gas=10**10, seed=1)
    reserve = fees.reserve_blob_base_fee(10**10)
    assert pr.fee[-1000:].max() < reserve / 1000
    assert 0.5 * reserve < osa.fee[-5000:].min() and osa.fee[-5000:].max() < 2 * reserve
    assert osa.reserve_active.any() and not pr.reserve_active.any()
    # but demand below target from an empty excess never passes the first test:
    # the fee stays at 1 wei even from Osaka on
    flat = fees.BlobDemand(base=2.0, elasticity=0.0, burst_start=0.0)
    low = fees.simulate_blob_market(5000, fork="osaka", demand=flat,
                                    base_fee_per_gas=10**10, seed=1)
    assert low.fee.max() == 1 and not low.reserve_active.any()


def test_market_is_reproducible_and_seeded():
    a = fees.simulate_blob_market(2000, fork="bpo2", seed=5)
    b = fees.simulate_blob_market(2000, fork="bpo2", seed=5)
    c = fees.simulate_blob_market(2000, fork="bpo2", seed=6)
    assert a.blobs.tolist() == b.blobs.tolist() and a.blobs.tolist() != c.blobs.tolist()
    assert a.total_fees_wei() == sum(int(f) * int(k) for f, k in zip(a.fee, a.blobs)) * 2**17


def test_market_runaway_demand_is_an_error():
    with pytest.raises(ValueError, match="ran away"):
        fees.simulate_blob_market(200_000, fork="cancun",
                                  demand=fees.BlobDemand(base=10, elasticity=0.0))


# --- calldata versus blobs --------------------------------------------------------------

def test_calldata_gas_eip7623():
    # 1000 non-zero bytes: 4000 tokens; standard 16,000 gas, floor 40,000
    assert fees.calldata_gas(1000, floor=False) == 21000 + 16000
    assert fees.calldata_gas(1000) == 21000 + 40000
    # enough execution gas lifts the standard cost above the floor
    assert fees.calldata_gas(1000, execution_gas=30_000) == 21000 + 16000 + 30000
    # zero bytes count as one token
    assert fees.calldata_gas(1000, zero_bytes=1000) == 21000 + 10 * 1000
    assert fees.calldata_cost(1000, 2) == 2 * 61000


def test_usable_bytes_and_breakeven():
    assert fees.usable_blob_bytes("raw") == 131072
    assert fees.usable_blob_bytes("31-byte") == 126976
    assert fees.usable_blob_bytes("op") == 130044 == (4 * 31 + 3) * 1024 - 4
    b = 10**9
    f = fees.breakeven_blob_base_fee(b)
    per = 130044
    assert GAS_PER_BLOB * f == pytest.approx(per * 40 * b)
    assert fees.breakeven_blob_base_fee(b, floor=False) == pytest.approx(f * 16 / 40)
    # at the break-even, a full blob and its bytes as calldata cost the same (+/- 1 blob gas)
    blob = fees.blob_cost(per, int(f), b)
    cd = fees.calldata_cost(per, b)
    assert abs(blob - cd) <= GAS_PER_BLOB * 1 + 1


def test_batch_policy_tradeoff():
    d = np.array([2.0, 12.0, 60.0, 600.0, 6000.0])
    r = fees.batch_policy(5.0, 120.0, d, blob_base_fee_wei=1e8, base_fee_per_gas=1e9)
    assert np.all(np.diff(r.mean_delay_s) >= 0)           # longer deadlines, longer waits
    assert np.all(np.diff(r.cost_per_tx_wei) <= 1e-6)     # ... and cheaper transactions
    assert r.fill.max() <= 1.0 + 1e-12
    full = fees.usable_blob_bytes() / (5.0 * 120.0)
    assert r.mean_delay_s[-1] == pytest.approx(full / 2)  # capped by the fill time


# --- OP Stack ---------------------------------------------------------------------------

OP_TEST = dict(l1_base_fee=2 * 10**6, l1_blob_base_fee=3 * 10**6, base_fee_scalar=20,
               blob_base_fee_scalar=15)


def test_op_fee_against_the_contract_tests():
    # GasPriceOracle.t.sol, Fjord: minimum bound (FastLZ 74), a regression case (235) and
    # the upper-bound path of a 161-byte transaction ((161 + 68) + 229 // 255 + 16 = 245)
    assert fees.op_l1_fee(74, **OP_TEST) == 68500
    assert fees.op_l1_fee(235, **OP_TEST) == 105484
    tx = 161 + params.value("op.fjord.unsigned_tx_padding")
    assert fees.op_l1_fee(tx + tx // 255 + 16, **OP_TEST) == 111214


def test_op_fee_against_the_fact_sheet_example():
    # FACTS-ch7-11 §3.1: FastLZ 200 bytes, 10 gwei, 1 gwei, scalars 5000 and 1e6
    fee = fees.op_l1_fee(200, l1_base_fee=10 * 10**9, l1_blob_base_fee=10**9,
                         base_fee_scalar=5000, blob_base_fee_scalar=1_000_000)
    assert fee == 124_714_400 * (5000 * 16 * 10 * 10**9 + 10**6 * 10**9) // 10**12
    assert fee / 1e18 == pytest.approx(2.24e-7, rel=0.01)


@given(st.integers(0, 5000), st.integers(0, 10**12), st.integers(0, 10**12),
       st.integers(0, 10**7), st.integers(0, 10**7))
def test_op_fee_is_the_contract_arithmetic(size, l1, blob, s1, s2):
    est = max(100 * 10**6, -42_585_600 + 836_500 * size)
    expected = est * (s1 * 16 * l1 + s2 * blob) // 10**12
    assert fees.op_l1_fee(size, l1_base_fee=l1, l1_blob_base_fee=blob, base_fee_scalar=s1,
                          blob_base_fee_scalar=s2) == expected


def test_op_ecotone_operator_and_minimum():
    got = fees.op_l1_fee_ecotone(10, 90, l1_base_fee=10**9, l1_blob_base_fee=10**6,
                                 base_fee_scalar=1368, blob_base_fee_scalar=810949)
    gas = 10 * 4 + 90 * 16
    assert got == gas * (16 * 10**9 * 1368 + 10**6 * 810949) // (16 * 10**6)
    assert fees.op_operator_fee(21000, operator_fee_scalar=10**6,
                                operator_fee_constant=0) == 21000
    assert fees.op_base_fee_with_minimum(5, 0) == 5
    assert fees.op_base_fee_with_minimum(5, 7) == 7


# --- Arbitrum's L1 pricer ---------------------------------------------------------------

def test_pricer_tracks_the_cost():
    # a steady stream: 2e6 units per report, each batch costing 2e6 * 3e9 wei
    n = 400
    units = [2_000_000] * n
    cost = [2_000_000 * 3 * 10**9] * n
    p = fees.simulate_arbitrum_pricer(units, cost)
    price = np.array(p.price, dtype=float)
    assert price[0] > 1e9                      # started too low: it rises
    assert price[-1] == pytest.approx(3e9 + 10, rel=0.02)  # cost + reward per unit
    assert abs(float(p.surplus[-1])) < 0.05 * cost[0] * 10


def test_pricer_one_step_by_hand():
    pr = fees.ArbitrumPricer(equilibration_units=1000, inertia=10, per_unit_reward=0,
                             initial_price=5)
    p = fees.simulate_arbitrum_pricer([100], [1000], pricer=pr)
    # collected 500, cost 1000: surplus -500; desired 500 // 1000 = 0;
    # actual -500 // 100 = -5; change = 5 * 100 // (100 + 100) = 2
    assert p.surplus.tolist() == [-500] and p.price.tolist() == [7]


def test_pricer_input_checks():
    with pytest.raises(ValueError, match="cost_wei"):
        fees.simulate_arbitrum_pricer([1, 2], [1])
    with pytest.raises(ValueError, match="inertia"):
        fees.ArbitrumPricer(inertia=0)


def test_vectorised_fee_and_threshold_are_exact():
    for frac in (3338477, 5007716, 11684671):
        safe = fees._int64_safe_excess(frac)
        assert safe > 20 * frac                  # fees up to e**20 are vectorised
        rng = np.random.default_rng(frac)
        e = np.unique(np.concatenate([rng.integers(0, safe + 1, 300), [0, 1, safe]]))
        got = fees._fees_vector(e, frac)
        assert got.tolist() == [ref_fake_exponential(1, int(x), frac) for x in e]
        mixed = np.array([0, safe, safe + 1, 3 * safe], dtype=np.int64)
        assert fees._fees_for(mixed, frac).tolist() == [
            ref_fake_exponential(1, int(x), frac) for x in mixed]
    for b in (0, 1, 16, 10**9, 3 * 10**10):
        below = fees._cut_below(b, 5007716)
        for x in (max(0, below - 1), below, below + 1):
            cut = BLOB_BASE_COST * b > GAS_PER_BLOB * ref_fake_exponential(1, x, 5007716)
            assert cut == (x < below)
