"""Tests of seqlearn.decentralization: exact sums, hand-worked sets, simulation vs closed form."""

from __future__ import annotations

import math
from fractions import Fraction
from itertools import product
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, strategies as st

from seqlearn import decentralization as dz
from seqlearn import params

FACTS2 = Path(__file__).resolve().parents[2] / "shared" / "FACTS-ch7-11.md"
FACTS = Path(__file__).resolve().parents[2] / "shared" / "FACTS.md"


def exact_halt(n: int, p: Fraction) -> Fraction:
    q = (2 * n) // 3 + 1
    return sum((math.comb(n, k) * (1 - p) ** k * p ** (n - k) for k in range(q)), Fraction(0))


# --- BFT committees --------------------------------------------------------------------

@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 7, 10, 21, 50, 100, 301])
@pytest.mark.parametrize("p", [Fraction(1, 1000), Fraction(1, 100), Fraction(1, 10),
                               Fraction(1, 3), Fraction(1, 2), Fraction(9, 10)])
def test_halt_probability_matches_exact_binomial_sum(n, p):
    want = exact_halt(n, p)
    got = dz.committee_halt_probability(n, float(p))
    assert got == pytest.approx(float(want), rel=1e-12, abs=1e-300)


def test_halt_probability_large_n_log_route_agrees_with_exact():
    # above the exact-coefficient size the log-space route is used
    for n, p in ((1201, Fraction(3, 10)), (1500, Fraction(1, 4))):
        want = float(exact_halt(n, p))
        assert dz.committee_halt_probability(n, float(p)) == pytest.approx(want, rel=1e-8)


def test_halt_probability_edges_and_hand_values():
    assert dz.committee_halt_probability(4, 0.0) == 0.0
    assert dz.committee_halt_probability(4, 1.0) == 1.0
    assert dz.committee_halt_probability(1, 0.2) == pytest.approx(0.2)
    # three members need all three votes: halts unless all are online
    assert dz.committee_halt_probability(3, 0.1) == pytest.approx(1 - 0.9**3)
    # tiny probabilities keep their relative precision (no 1 - (1 - x) cancellation)
    tiny = dz.committee_halt_probability(100, 1e-4)
    assert tiny == pytest.approx(float(exact_halt(100, Fraction(1, 10**4))), rel=1e-10)
    assert 0 < tiny < 1e-100


@given(st.integers(1, 200), st.floats(0, 1), st.floats(0, 1))
def test_halt_probability_is_monotone_in_p(n, a, b):
    lo, hi = sorted((a, b))
    assert dz.committee_halt_probability(n, lo) <= dz.committee_halt_probability(n, hi) + 1e-15


@pytest.mark.parametrize("n, q, live, safe", [(1, 1, 0, 0), (3, 3, 0, 2), (4, 3, 1, 1),
                                              (7, 5, 2, 2), (10, 7, 3, 3), (100, 67, 33, 33)])
def test_bft_thresholds(n, q, live, safe):
    assert dz.bft_thresholds(n) == dz.BFTThresholds(n, q, live, safe)


def test_shock_reduces_to_mixture_by_enumeration():
    n, p, pi, m = 7, 0.05, 0.02, 3
    q = dz.bft_thresholds(n).quorum
    total = 0.0
    for state in product((0, 1), repeat=n):  # 1 = online
        w = math.prod(1 - p if s else p for s in state)
        ok_plain = sum(state) >= q
        ok_shock = sum(state[m:]) >= q
        total += w * ((1 - pi) * (not ok_plain) + pi * (not ok_shock))
    assert dz.committee_halt_probability_with_shock(n, p, pi, m) == pytest.approx(total)


def test_safety_failure_probability():
    # n = 4: safety breaks with 2 or more Byzantine members
    p = 0.1
    want = sum(math.comb(4, k) * p**k * (1 - p) ** (4 - k) for k in range(2, 5))
    assert dz.committee_safety_failure_probability(4, p) == pytest.approx(want)


# --- concentration ---------------------------------------------------------------------

@pytest.mark.parametrize("stakes, threshold, want", [
    ([1, 1, 1], 1 / 3, 2),             # exactly a third is not more than a third
    ([1, 1, 1], 2 / 3, 3),             # tie at two thirds
    ([1, 1, 1, 1], 1 / 3, 2),
    ([1, 1, 1, 1], 1 / 2, 3),          # half is not more than half
    ([5], 1 / 3, 1),                   # a single holder
    ([5, 0, 0], 0.99, 1),
    ([10] * 10, 1 / 3, 4),
    ([10] * 9, 1 / 3, 4),              # 3 of 9 equal holders hold exactly a third
    ([0.1, 0.1, 0.1], 1 / 3, 2),       # float stakes summed exactly
    ([50, 30, 20], 0.5, 2),
    ([51, 30, 19], 0.5, 1),
    ([3, 1, 2], 1 / 3, 1),             # order of input does not matter
])
def test_nakamoto_hand_worked(stakes, threshold, want):
    assert dz.nakamoto_coefficient(stakes, threshold) == want


def test_nakamoto_default_threshold_and_fraction():
    assert dz.nakamoto_coefficient([1] * 6) == 3  # 2 of 6 = exactly a third
    assert dz.nakamoto_coefficient([1] * 6, Fraction(1, 3)) == 3
    assert dz.nakamoto_coefficient(np.array([1, 1, 1], dtype=np.int64), 2 / 3) == 3


def test_astria_genesis_from_params():
    stakes = dz.astria_genesis_stakes()
    assert sum(stakes) == 575
    assert stakes == [100] * 4 + [25] * 7
    c = dz.concentration(stakes)
    assert (c.nakamoto_halt, c.nakamoto_control) == (2, 4)
    by_op = dz.concentration(dz.astria_genesis_stakes(by_operator=True))
    assert (by_op.nakamoto_halt, by_op.nakamoto_control) == (1, 1)
    assert by_op.largest_share == pytest.approx(400 / 575)
    assert round(100 * by_op.largest_share, 1) == 69.6     # the fact sheet's figure


@pytest.mark.parametrize("stakes, want", [([1], 1.0), ([1, 1, 1, 1], 0.25), ([9, 1], 0.82),
                                          ([1, 0, 0], 1.0), ([2, 1, 1], 6 / 16)])
def test_hhi_hand_worked(stakes, want):
    assert dz.hhi(stakes) == pytest.approx(want)


@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=30).filter(lambda x: sum(x) > 0),
       st.fractions(Fraction(1, 100), Fraction(99, 100)))
def test_nakamoto_matches_brute_force(stakes, t):
    total = sum(stakes)
    srt = sorted(stakes, reverse=True)
    want = next(k for k in range(1, len(srt) + 1) if Fraction(sum(srt[:k])) > t * total)
    assert dz.nakamoto_coefficient(stakes, t) == want
    h = dz.hhi(stakes)
    assert 1 / len(stakes) - 1e-12 <= h <= 1 + 1e-12


def test_espresso_rule_allows_concentration():
    assert dz.espresso_max_top_share() == pytest.approx(1 / (1 + 99 / 1000))
    assert dz.espresso_max_top_share(2, 1.0) == pytest.approx(0.5)


# --- leader selection ------------------------------------------------------------------

def test_lottery_turn_frequencies_match_stake_shares():
    w = np.array([5.0, 3.0, 1.5, 0.5])
    s = dz.leader_schedule(w, 2000, n_paths=50, seed=11)
    freq = dz.turn_counts(s, 4).sum(axis=0) / s.size
    share = w / w.sum()
    se = np.sqrt(share * (1 - share) / s.size)
    assert np.all(np.abs(freq - share) < 5 * se)


def test_turn_counts_distribution_matches_binomial():
    w = [2.0, 1.0, 1.0]
    s = dz.leader_schedule(w, 20, n_paths=40_000, seed=5)
    counts = dz.turn_counts(s, 3)[:, 0]
    emp = np.bincount(counts, minlength=21) / counts.size
    pmf = dz.turn_distribution(w, 20, 0)
    assert pmf.sum() == pytest.approx(1.0)
    assert np.max(np.abs(emp - pmf)) < 0.01


def test_round_robin_is_fair_and_metis_weights():
    s = dz.leader_schedule([1, 7, 0, 2], 9, rule="round_robin", n_paths=5, seed=0)
    counts = dz.turn_counts(s, 4)
    assert np.all(counts[:, 2] == 0) and np.all(counts.sum(axis=1) == 9)
    assert np.all(counts[:, [0, 1, 3]] == 3)
    probs = dz.metis_selection_probabilities([params.value("metis.min_lock"),
                                              params.value("metis.max_lock")])
    assert probs.tolist() == pytest.approx([1 / 6, 5 / 6])
    with pytest.raises(ValueError, match="locked"):
        dz.metis_selection_probabilities([10_000, 50_000])


def test_streaks_simulated_vs_closed_form():
    assert dz.longest_streak([[1, 1, 1], [0, 1, 0]]).tolist() == [3, 1]
    share, k, n = 0.4, 3, 50
    s = dz.leader_schedule([share, 1 - share], n, n_paths=40_000, seed=2)
    is0 = (s == 0).astype(int)
    # count maximal runs of 0s of length >= k on each path
    runs = 0
    for path in is0[:4000]:
        length = 0
        for x in list(path) + [0]:
            if x:
                length += 1
            else:
                runs += length >= k
                length = 0
    assert runs / 4000 == pytest.approx(dz.expected_streaks(share, k, n), rel=0.06)
    assert dz.expected_streaks(0.5, 11, 10) == 0.0


@pytest.mark.parametrize("rule", ["lottery", "based", "round_robin"])
def test_wait_simulated_matches_closed_form(rule):
    w = [4.0, 3.0, 2.0, 1.0]
    d = dz.wait_for_leader(w, [3], rule=rule, max_slots=200)
    sim = dz.simulate_wait_for_leader(w, [3], rule=rule, max_slots=200, n_paths=50_000,
                                      seed=4)
    assert sim.mean() == pytest.approx(d.capped_mean(), rel=0.03)
    assert d.pmf.sum() + d.beyond == pytest.approx(1.0)


def test_round_robin_wait_by_hand():
    # rotation [A, B, C, D], waiting for A: phases give waits 1, 4, 3, 2
    d = dz.wait_for_leader([1, 1, 1, 1], 0, rule="round_robin", max_slots=10)
    assert d.pmf[:4].tolist() == [0.25] * 4 and d.mean_slots == 2.5


# --- censorship ------------------------------------------------------------------------

def test_censorship_wait_truncated_geometric():
    c = 0.6
    w = [c, 1 - c]
    slot, f = 2.0, 20.0
    got = dz.censorship_wait(w, [0], slot_seconds=slot, forced_inclusion_seconds=f)
    k = int(f // slot)
    mean = sum(slot * j * (1 - c) * c ** (j - 1) for j in range(1, k + 1)) + c**k * f
    assert got.mean_seconds == pytest.approx(mean)
    assert got.p_backstop == pytest.approx(c**k)
    assert got.mean_without_backstop == pytest.approx(slot / (1 - c))


def test_censorship_all_or_nobody():
    none = dz.censorship_wait([1, 1], [], slot_seconds=12.0)
    assert none.mean_seconds == 12.0 and none.p_backstop == 0.0
    everyone = dz.censorship_wait([1, 1], [0, 1], forced_inclusion_seconds=3600.0)
    assert everyone.mean_seconds == 3600.0 and everyone.p_backstop == 1.0


def test_round_robin_censorship_depends_on_order():
    # two adjacent censors in a rotation of four: waits 3, 2, 1, 1 slots
    c = dz.censorship_wait([1, 1, 1, 1], [0, 1], rule="round_robin", slot_seconds=1.0,
                           forced_inclusion_seconds=100.0)
    assert c.mean_seconds == pytest.approx((3 + 2 + 1 + 1) / 4)


# --- designs and preconfirmations -------------------------------------------------------

def test_compare_designs():
    rows = dz.compare_designs(4, 0.01, failures_per_year=0.0)
    single, rot, bft = rows
    assert single.availability == pytest.approx(1 - 0.01**4)
    assert rot.availability == pytest.approx(0.99)
    assert bft.availability == pytest.approx(1 - dz.committee_halt_probability(4, 0.01))
    shocked = dz.compare_designs(4, 0.01, shock_probability=0.01, shock_members=2)
    assert shocked[2].availability < bft.availability


def test_preconf_deterrence_reuses_slashing():
    urc = params.value("urc.min_collateral")
    d = dz.preconf_deterrence(urc, 0.1, 5)
    assert d.deterrence.expected_penalty == pytest.approx(1.0)
    assert d.deterrence.attack_pays is False
    assert dz.preconf_deterrence(urc, 0.3, 5).deterrence.attack_pays is True
    assert d.max_deterred_value_per_promise == pytest.approx(0.2)


# --- bad input -------------------------------------------------------------------------

@pytest.mark.parametrize("call, name", [
    (lambda: dz.committee_halt_probability(0, 0.1), "n"),
    (lambda: dz.committee_halt_probability(4, 1.5), "p_offline"),
    (lambda: dz.committee_halt_probability(4, -0.1), "p_offline"),
    (lambda: dz.committee_halt_probability(10**9, 0.1), "n"),
    (lambda: dz.nakamoto_coefficient([], 0.3), "stakes"),
    (lambda: dz.nakamoto_coefficient([1, -1], 0.3), "stakes"),
    (lambda: dz.nakamoto_coefficient([0, 0], 0.3), "stakes"),
    (lambda: dz.nakamoto_coefficient([1, 2], 0.0), "threshold"),
    (lambda: dz.nakamoto_coefficient([1, 2], 1.0), "threshold"),
    (lambda: dz.nakamoto_coefficient([1, 2], Fraction(3, 2)), "threshold"),
    (lambda: dz.hhi([1, float("nan")]), "stakes"),
    (lambda: dz.leader_schedule([1, 1], 10, rule="pos"), "rule"),
    (lambda: dz.leader_schedule([1, 1], 10**6, n_paths=10**3), "n_paths"),
    (lambda: dz.censorship_wait([1, 1], [2]), "censoring"),
    (lambda: dz.wait_for_leader([1, 1], 0, max_slots=0), "max_slots"),
])
def test_bad_input_names_the_argument(call, name):
    with pytest.raises((ValueError, TypeError), match=name):
        call()


def test_bool_and_string_rejected():
    with pytest.raises(TypeError, match="n"):
        dz.committee_halt_probability(True, 0.1)
    with pytest.raises(TypeError, match="p_offline"):
        dz.committee_halt_probability(4, "0.1")


# --- parameters of chapters 10-11 against the fact sheets --------------------------------

FACT_TEXT = {
    "urc.slash_window_blocks": (7200, "each **7,200 blocks**", FACTS),
    "astria.genesis_validators": (11, "11 validators", FACTS2),
    "astria.genesis_astria_nodes": (4, "four Astria nodes", FACTS2),
    "astria.genesis_astria_power": (100, "voting power **100 each**", FACTS2),
    "astria.genesis_external_power": (25, "with **25 each**", FACTS2),
    "astria.flame_halt_block": (12_832_467, "Flame block **12,832,467**", FACTS2),
    "astria.sequencer_halt_block": (15_360_577, "halted at block 15,360,577", FACTS2),
    "starknet.sequencers": (3, "**three sequencers using Tendermint consensus**", FACTS),
    "espresso.max_validators": (100, "**top 100** by stake", FACTS2),
    "espresso.min_stake_ratio": (0.001, "minimum stake 1/1000 of the largest", FACTS2),
    "espresso.reward_coefficient": (0.03, "R(p) = 0.03/√(2p)", FACTS2),
    "espresso.reward_floor_share": (0.01, "p floored at 0.01", FACTS2),
    "espresso.commission_step_bps": (500, "**+5 points (500 bps) per 7 days**", FACTS2),
    "taiko.whitelisted_preconfers": (3, "three whitelisted preconfers", FACTS2),
}


@pytest.mark.parametrize("key", sorted(FACT_TEXT))
def test_params_of_chapters_10_11(key):
    value, text, sheet = FACT_TEXT[key]
    assert params.value(key) == value
    if sheet.exists():
        assert text in sheet.read_text(encoding="utf-8")


@pytest.mark.parametrize("n, p, pi, m", [(4, 0.1, 0.0, 0), (10, 0.05, 0.02, 4),
                                         (100, 0.2, 0.02, 20), (3, 0.3, 0.1, 3)])
def test_committee_simulation_matches_exact(n, p, pi, m):
    h = dz.simulate_committee_halts(n, p, shock_probability=pi, shock_members=m,
                                    n_epochs=500, n_paths=400, seed=7)
    exact = dz.committee_halt_probability_with_shock(n, p, pi, m)
    se = math.sqrt(exact * (1 - exact) / h.size)
    assert abs(h.mean() - exact) < 5 * se + 1e-12


# --- figures, explorer, self-checks and quiz of chapter 10 ---------------------------------

def test_figures_explorer_and_checks():
    import matplotlib.pyplot as plt
    import ipywidgets as w

    from seqlearn.exercises import ch10
    from seqlearn.plotting import decentralization as pd
    from seqlearn.quizzes import ch10 as quiz
    from seqlearn.widgets import decentralization as wd

    fig = wd.render(**wd.DEFAULTS)
    assert [a.get_xlabel() for a in fig.axes] == ["committee size n (members)",
                                                   "members online (without a shock)"]
    plt.close(fig)
    assert isinstance(wd.decentralization_explorer(), w.VBox)
    for fig in (pd.plot_concentration({"a": [1, 2, 3]}),
                pd.plot_censorship([0.0, 0.5], {"lottery": [2.0, 4.0]},
                                   backstop_seconds=100.0),
                pd.plot_turns(np.array([1, 2, 2, 3]), dz.turn_distribution([1, 1], 4, 0),
                              label="A"),
                pd.plot_designs(dz.compare_designs())):
        assert all(a.get_xlabel() and a.get_ylabel() for a in fig.axes)
        plt.close(fig)
    with pytest.raises(ValueError, match="p_offline"):
        pd.plot_halt(4, 2.0)
    with pytest.raises(TypeError, match="rows"):
        pd.plot_designs([])
    assert ch10.check_halt(ch10.expected_halt())
    assert not ch10.check_halt(None)
    assert ch10.check_nakamoto(3) and not ch10.check_nakamoto(2)
    assert ch10.check_hhi(dz.hhi(list(ch10.STAKES)))
    assert "10,000" in ch10.check_hhi(10_000 * dz.hhi(list(ch10.STAKES))).message
    assert ch10.check_three_sequencers("a") and not ch10.check_three_sequencers("b")
    assert ch10.check_preconf_value(0.9 / 8)

    def mean_wait(c, slot, backstop):
        k = int(backstop // slot)
        return sum(slot * j * (1 - c) * c ** (j - 1) for j in range(1, k + 1)) + \
            c**k * backstop

    assert ch10.check_mean_wait(mean_wait)
    assert not ch10.check_mean_wait(lambda c, s, f: s / (1 - c) if c < 1 else f)
    ids = [q["id"] for q in quiz.QUESTIONS]
    assert len(ids) == len(set(ids)) and 4 <= len(ids) <= 6
    assert all(q["kind"] in ("choice", "number") for q in quiz.QUESTIONS)


def test_safety_with_shock_by_enumeration():
    n, p, pi, m = 7, 0.05, 0.02, 2
    need = 2 * dz.bft_thresholds(n).quorum - n
    total = 0.0
    for state in product((0, 1), repeat=n):  # 1 = Byzantine
        w = math.prod(p if s else 1 - p for s in state)
        shocked = (1,) * m + state[m:]
        total += w * ((1 - pi) * (sum(state) >= need) + pi * (sum(shocked) >= need))
    got = dz.committee_safety_failure_probability(n, p, shock_probability=pi,
                                                  shock_members=m)
    assert got == pytest.approx(total)


def test_designs_on_chapter_7_cluster_model():
    from seqlearn import stability

    c = stability.Cluster(n_replicas=4, common_rate=0.0)
    single, rot, bft = dz.compare_designs_from_cluster(c)
    assert single.availability == pytest.approx(stability.expected_downtime(c).availability)
    lam_r = c.failure_rate * c.repair_minutes / stability.MINUTES_PER_YEAR
    u = lam_r / (1 + lam_r)
    assert rot.availability == pytest.approx(1 - u)
    assert bft.availability == pytest.approx(1 - dz.committee_halt_probability(4, u))
    # three equal BFT members halt whenever one is down; a Raft cluster of three does not
    three = dz.compare_designs_from_cluster(stability.Cluster(n_replicas=3))
    assert three[2].availability < three[0].availability
    with pytest.raises(TypeError, match="cluster"):
        dz.compare_designs_from_cluster("three")
