"""Tests of seqlearn.economics: the revenue-share rules, the daily P&L and Timeboost."""

from __future__ import annotations

import dataclasses
import hashlib

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from seqlearn import economics as ec
from seqlearn import fees, params

A, B, C = "0x" + "aa" * 20, "0x" + "bb" * 20, "0x" + "cc" * 20


def test_params_of_the_chapter():
    # SuperchainRevSharesCalculator 1.0.0: GROSS_SHARE_BPS = 250, NET_SHARE_BPS = 1_500;
    # Timeboost docs and the AIP text
    assert params.value("op.revshare.gross_bps") == 250
    assert params.value("op.revshare.net_bps") == 1_500
    assert params.value("arbitrum.timeboost.auction_closing_seconds") == 15
    assert params.value("arbitrum.timeboost.min_reserve_wei") == 10**15
    assert params.value("arbitrum.timeboost.dao_share_bps") == 9_700


# --- the revenue share ------------------------------------------------------------------

def test_revenue_share_matches_the_contract_tests():
    # RevenueSharingIntegration_Test: vaults 40/30/10/20 ETH, L1 fees 10 ETH -> 13.5 ETH
    gross = (40 + 30 + 10 + 20) * 10**18
    assert ec.superchain_revenue_share(gross, 10 * 10**18) == 13_500_000_000_000_000_000
    # the gross leg wins when L1 fees are above 5/6 of the revenue
    assert ec.superchain_revenue_share(gross, 90 * 10**18) == 2_500_000_000_000_000_000
    # integer division as in Solidity
    assert ec.superchain_revenue_share(39, 0) == 5          # 39*1500//10000
    assert ec.superchain_revenue_share(1001, 1001) == 25    # 1001*250//10000


@given(st.integers(0, 10**30), st.data())
def test_revenue_share_is_the_contract_formula(gross, data):
    l1 = data.draw(st.integers(0, gross))
    expected = max(gross * 250 // 10_000, (gross - l1) * 1_500 // 10_000)
    assert ec.superchain_revenue_share(gross, l1) == expected
    f = ec.superchain_revenue_share(float(gross), float(l1))
    assert f == pytest.approx(expected, rel=1e-9, abs=1)


def test_revenue_share_bad_input():
    with pytest.raises(ValueError, match="l1_fee_revenue"):
        ec.superchain_revenue_share(10, 11)
    with pytest.raises(ValueError, match="gross_revenue"):
        ec.superchain_revenue_share(-1, 0)
    with pytest.raises(TypeError, match="gross_revenue"):
        ec.superchain_revenue_share("100", 0)


def test_docs_rule_and_the_gap():
    # users charged 30 for L1 data that cost 20: the on-chain rule subtracts 30, the docs
    # rule 20; the gap is 15% of the 10 margin
    assert ec.superchain_revenue_share(100.0, 30.0) == pytest.approx(10.5)
    assert ec.superchain_share_docs(100.0, 20.0) == pytest.approx(12.0)
    assert ec.superchain_share_docs(100.0, 20.0) - ec.superchain_revenue_share(
        100.0, 30.0) == pytest.approx(0.15 * 10)
    assert ec.superchain_share_docs(10.0, 50.0) == pytest.approx(0.25)


# --- the daily P&L ----------------------------------------------------------------------

def test_daily_pnl_adds_up():
    d = ec.ChainDay()
    p = ec.daily_pnl(d)
    fee = fees.op_l1_fee(d.fastlz_size, l1_base_fee=d.l1_base_fee,
                         l1_blob_base_fee=d.l1_blob_base_fee,
                         base_fee_scalar=d.base_fee_scalar,
                         blob_base_fee_scalar=d.blob_base_fee_scalar)
    assert p.l1_data_fees == d.tx_per_day * fee
    assert p.base_fees == d.tx_per_day * d.l2_gas_per_tx * d.l2_base_fee
    assert p.blob_cost == p.blobs * 2**17 * d.l1_blob_base_fee
    assert p.gross_revenue - p.l1_costs - p.infra_cost == pytest.approx(p.profit)
    assert p.share_onchain == pytest.approx(
        max(0.025 * p.gross_revenue, 0.15 * (p.gross_revenue - p.l1_data_fees)), rel=1e-12)
    # a blob fee spike turns the day into a loss; the docs rule falls back to 2.5%
    spike = ec.daily_pnl(dataclasses.replace(d, l1_blob_base_fee=10**11))
    assert spike.profit < 0
    assert spike.share_docs == pytest.approx(0.025 * spike.gross_revenue)
    # users were charged the spike too: gross revenue jumps, and so does the 2.5% leg
    assert spike.share_onchain == pytest.approx(0.025 * spike.gross_revenue)
    assert spike.share_onchain > 10 * p.share_onchain


def test_pnl_curve_monotone():
    c = ec.pnl_curve(ec.ChainDay(), [1, 10**6, 10**8, 10**10])
    assert np.all(np.diff(c["profit"]) < 0) and np.all(np.diff(c["l1_costs"]) > 0)
    with pytest.raises(ValueError, match="blob_base_fees"):
        ec.pnl_curve(ec.ChainDay(), [-1])


def test_chainday_checks_scalars():
    with pytest.raises(ValueError, match="blob_base_fee_scalar"):
        ec.ChainDay(blob_base_fee_scalar=10**7 + 1)
    with pytest.raises(TypeError, match="l1_base_fee"):
        ec.ChainDay(l1_base_fee=1.5)


# --- Keccak and the auction -------------------------------------------------------------

def test_keccak256_known_digests():
    assert ec.keccak256(b"").hex() == (
        "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")
    assert ec.keccak256(b"abc").hex() == (
        "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")
    # the same sponge with SHA-3's domain byte is hashlib's SHA3-256, at every length
    # around the 136-byte rate (one-byte padding, several blocks)
    for n in (0, 1, 134, 135, 136, 137, 271, 272, 500):
        data = bytes(range(256)) * 2
        assert ec._sponge(data[:n], 0x06) == hashlib.sha3_256(data[:n]).digest()


def test_auction_hand_worked_rounds():
    r = 10**15
    # single bid: the winner pays the reserve price, whatever it bid
    one = ec.resolve_express_lane_auction([(A, 5 * r)], reserve_price=r)
    assert (one.winner, one.price, one.valid_bids) == (A, r, 1)
    # two bids: second price
    two = ec.resolve_express_lane_auction([(A, 5 * r), (B, 3 * r)], reserve_price=r)
    assert (two.winner, two.price) == (A, 3 * r)
    # bids below the reserve are discarded first: B's bid does not set the price
    low = ec.resolve_express_lane_auction([(A, 5 * r), (B, r - 1)], reserve_price=r)
    assert (low.winner, low.price, low.valid_bids) == (A, r, 1)
    # a bid exactly at the reserve is valid
    at = ec.resolve_express_lane_auction([(B, r)], reserve_price=r)
    assert (at.winner, at.price) == (B, r)
    # nobody clears the reserve: no controller, no payment
    none = ec.resolve_express_lane_auction([(A, r - 1)], reserve_price=r)
    assert (none.winner, none.price) == (None, 0)
    three = ec.resolve_express_lane_auction([(A, 2 * r), (B, 9 * r), (C, 4 * r)],
                                            reserve_price=r)
    assert (three.winner, three.price) == (B, 4 * r)


def test_auction_ties_by_hash():
    r = 10**15
    amount = 4 * r
    res = ec.resolve_express_lane_auction([(A, amount), (B, amount)], reserve_price=r)
    ha = ec.keccak256(bytes.fromhex("aa" * 20) + amount.to_bytes(32, "big"))
    hb = ec.keccak256(bytes.fromhex("bb" * 20) + amount.to_bytes(32, "big"))
    assert res.winner == (A if ha > hb else B)
    assert res.price == amount                     # a tie: the winner pays its own bid
    # the order in which bids arrive does not matter
    rev = ec.resolve_express_lane_auction([(B, amount), (A, amount)], reserve_price=r)
    assert rev == res


@pytest.mark.parametrize("bids, name", [
    ([("0x12", 5)], "bidder"),
    ([(A, -1)], "bid amount"),
    ([(A, 1.5)], "bid amount"),
    ([(A, 5), (A, 6)], "bids"),
    ("not bids", "bids"),
])
def test_auction_bad_input(bids, name):
    with pytest.raises((ValueError, TypeError), match=name):
        ec.resolve_express_lane_auction(bids, reserve_price=1)


def test_simulated_auction_follows_the_rule():
    t = ec.simulate_timeboost(3000, skills=[1.0, 0.5, 0.3], reserve_price=0.002, seed=4)
    # rebuild a few rounds with the exact resolver (amounts in wei, rounded down)
    rng = np.random.default_rng(4)
    n, s, mu, sig, fsig = 3000, np.array([1.0, 0.5, 0.3]), 0.005, 0.8, 0.3
    value = mu * np.exp(sig * rng.standard_normal(n) - sig**2 / 2)
    noise = np.exp(fsig * rng.standard_normal((n, 3)) - fsig**2 / 2)
    bids = s[None, :] * value[:, None] * noise
    addrs = [A, B, C]
    for i in range(200):
        res = ec.resolve_express_lane_auction(
            [(addrs[j], int(bids[i, j] * 1e18)) for j in range(3)],
            reserve_price=int(0.002 * 1e18))
        if res.winner is None:
            assert t.winner[i] == -1 and t.price[i] == 0
        else:
            assert addrs[t.winner[i]] == res.winner
            assert t.price[i] * 1e18 == pytest.approx(res.price, rel=1e-9, abs=2)
    assert 0 <= t.unsold_share < 1 and 0 < t.top_share(1) <= 1
    assert np.all(t.price <= np.where(t.winner >= 0, bids.max(axis=1), 0) + 1e-18)


def test_policy_comparison_adds_up():
    t = ec.simulate_timeboost(5000, seed=2)
    c = ec.compare_ordering_policies(t)
    total = c.sequencer_revenue + c.searcher_profit + c.wasted
    assert total[0] == pytest.approx(total[1])                 # same value, split apart
    assert c.sequencer_revenue[0] == 0 and c.wasted[1] == 0
    assert c.added_delay_ms.tolist() == [0.0, 0.0, 200.0]
    # shading bids lowers the auction's revenue
    shaded = ec.simulate_timeboost(5000, seed=2, shading=0.3)
    assert shaded.revenue_per_day < t.revenue_per_day


def test_probe_breakeven():
    assert ec.probe_breakeven_base_fee(2e9, 200_000) == 1e4
    with pytest.raises(ValueError, match="gas_per_probe"):
        ec.probe_breakeven_base_fee(1.0, 0)


# --- the chapter's exercises, quiz, figures and explorers -------------------------------

def test_exercise_checks():
    from seqlearn.exercises import ch09
    assert ch09.check_reserve_price(10**9) and not ch09.check_reserve_price(16 * 10**9)
    assert ch09.check_op_fee(ch09.expected_op_fee())
    assert not ch09.check_op_fee(ch09.expected_op_fee() + 2)
    assert ch09.check_auction_price(0.03) and not ch09.check_auction_price(0.05)
    assert "second-price" in ch09.check_auction_price(0.05).message
    assert ch09.check_min_l1_share(74 * 5 / 6) and not ch09.check_min_l1_share(74 * 0.975)
    assert ch09.check_floor_concept("c") and not ch09.check_floor_concept(3)
    for bad in (None, "x", 1.5, [1]):
        assert not ch09.check_reserve_price(bad) and not ch09.check_op_fee(bad)

    def right(blobs, fork):
        s = fees.blob_schedule(fork)
        e = 0
        for k in blobs:
            e = max(0, e + k * 2**17 - s.target * 2**17)
        return fees.fake_exponential(1, e, s.update_fraction)

    def floats(blobs, fork):
        import math
        s = fees.blob_schedule(fork)
        e = 0
        for k in blobs:
            e = max(0, e + (k - s.target) * 2**17)
        return int(math.exp(e / s.update_fraction))

    assert ch09.check_blob_fee_after(right)
    assert not ch09.check_blob_fee_after(floats)      # e**x in floats is off by wei
    assert not ch09.check_blob_fee_after(lambda b, f: None)


def test_quiz_answers_are_computed():
    from seqlearn.quizzes import ch09
    ids = [q["id"] for q in ch09.QUESTIONS]
    assert len(ids) == len(set(ids)) and 4 <= len(ids) <= 6
    by_id = {q["id"]: q for q in ch09.QUESTIONS}
    assert by_id["ch09-cancun-step"]["answer"] == pytest.approx(12.5, abs=0.01)
    assert by_id["ch09-floor"]["answer"] == 40
    assert by_id["ch09-blob-bytes"]["answer"] == 130_044
    assert by_id["ch09-share"]["answer"] == pytest.approx(9.0)


def test_figures_and_explorers_render():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from seqlearn.plotting import economics as ep
    from seqlearn.plotting import fees as fp
    from seqlearn.widgets import economics as we
    from seqlearn.widgets import fees as wf
    for fig in (wf.render(**wf.DEFAULTS), we.render(**we.DEFAULTS), fp.plot_fork_schedule(),
                fp.plot_breakeven(), ep.plot_policies(ec.compare_ordering_policies(
                    ec.simulate_timeboost(300))), ep.plot_timeboost(ec.simulate_timeboost(300)),
                ep.plot_pnl_curve(ec.pnl_curve(ec.ChainDay(), [1, 10**9]))):
        for ax in fig.axes:
            assert ax.get_xlabel() and ax.get_ylabel()
        plt.close(fig)
    with pytest.raises(TypeError, match="paths"):
        fp.plot_blob_market({})
    with pytest.raises(ValueError, match="fork"):
        wf.render("london", 6.0, 0.3, 2.0, 1.0)
