"""Every registered protocol constant against the value written in the project's fact sheet.

EXPECTED is transcribed by hand from ``shared/FACTS.md`` (the section is named) so that an
accidental edit of the registry fails here. Where the fact sheet sits beside the repository
(as in CI), a second test checks that the quoted text really is in it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from seqlearn import params

FACTS = next((p / "shared" / "FACTS.md" for p in Path(__file__).resolve().parents[1:4]
              if (p / "shared" / "FACTS.md").exists()),
             Path(__file__).resolve().parents[2] / "shared" / "FACTS.md")

# key: (value, text that FACTS.md states it with)
EXPECTED: dict[str, tuple[float, str]] = {
    "ethereum.slot_seconds": (12, "SLOT_DURATION_MS = 12000"),
    "ethereum.slots_per_epoch": (32, "SLOTS_PER_EPOCH = 32"),
    "arbitrum.confirm_period_blocks": (45818, "`confirmPeriodBlocks` = **45,818 L1 blocks**"),
    "arbitrum.bold.assertion_stake": (3600, "`stakeAmt` = **3600 ETH**"),
    "arbitrum.bold.mini_stake_block_level": (0, "`miniStakeAmounts` = **[0, 555, 79] ETH**"),
    "arbitrum.bold.mini_stake_big_step": (555, "`miniStakeAmounts` = **[0, 555, 79] ETH**"),
    "arbitrum.bold.mini_stake_small_step": (79, "`miniStakeAmounts` = **[0, 555, 79] ETH**"),
    "arbitrum.bold.levels": (3, "**3 levels** in total"),
    "arbitrum.bold.block_leaf_size": (2**26, "`blockLeafSize` = 2^26"),
    "arbitrum.bold.big_step_leaf_size": (2**19, "`bigStepLeafSize` = 2^19"),
    "arbitrum.bold.small_step_leaf_size": (2**23, "`smallStepLeafSize` = 2^23"),
    "arbitrum.bold.challenge_grace_period_blocks": (14400, "`challengeGracePeriodBlocks` = 48 h (14,400 blocks)"),
    "arbitrum.delay_blocks": (5760, "`delayBlocks` = 5,760 L1 blocks"),
    "arbitrum.delay_buffer_blocks": (14400, "The buffer starts at 14,400 blocks (48 h)"),
    "arbitrum.delay_buffer_threshold_blocks": (150, "The threshold is 150 blocks (30 min) on One"),
    "arbitrum.timeboost.round_seconds": (60, "one auction per 60-second round"),
    "arbitrum.timeboost.nonexpress_delay_ms": (200, "**200 ms** artificial delay"),
    "arbitrum.block_time_ms": (250, "The block time stays 250 ms"),
    "op.fdg.max_game_depth": (73, "`max_game_depth` = **73**"),
    "op.fdg.split_depth": (30, "`split_depth` = **30**"),
    "op.fdg.max_clock_duration": (302400, "`max_clock_duration` = **302,400 s (3.5 days)**"),
    "op.fdg.clock_extension": (10800, "`clock_extension` = **10,800 s (3 h)**"),
    "op.fdg.delayed_weth_delay": (604800, "a proposed **7-day** delay on withdrawals"),
    "op.fdg.bond_assumed_base_fee": (200, "`assumedBaseFee = 200 gwei`"),
    "op.fdg.bond_base_gas": (400_000, "`baseGasCharged = 400_000`"),
    "op.fdg.bond_high_gas": (300_000_000, "`highGasCharged = 300_000_000`"),
    "op.proof_maturity_delay": (604800, "`proof_maturity_delay_seconds` = **604,800 (7 days)**"),
    "op.dispute_game_finality_delay": (302400, "`dispute_game_finality_delay_seconds` = **302,400 (3.5 days)**"),
    "op.seq_window_size": (3600, "`seq_window_size` = **3,600 L1 blocks (≈12 h)**"),
    "op.max_sequencer_drift": (1800, "1,800 s as a protocol constant from Fjord on"),
    "op.block_time": (2, "`block_time` = 2 s"),
    "metis.min_lock": (20_000, "`minLock = 20_000 ether`"),
    "metis.max_lock": (100_000, "`maxLock = 100_000 ether`"),
    "metis.exit_delay": (21, "`exitDelayPeriod = 21 days`"),
    "aztec.min_stake": (200_000, "at least **200,000 AZTEC**"),
    "aztec.slashing_round_slots": (128, "rounds of 128 L2 slots"),
    "taiko.liveness_bond": (125, "Liveness bond of **125 TAIKO** per batch"),
    "taiko.proving_window": (120, "proving window and cooldown window both 120 min"),
    "urc.min_collateral": (1, "`minCollateralWei` = **1 ETH**"),
    "urc.unregistration_delay_blocks": (7200, "each **7,200 blocks**"),
    "chainlink.grace_period": (3600, "**GRACE_PERIOD_TIME = 3600 s (1 h)**"),
    "chainlink.uptime_round_seconds": (30, "run an OCR round **every 30 s**"),
    "aave.liquidation_hf_during_grace": (0.95, "still allowed during the grace period if health factor < 0.95"),
    "ethereum.epochs_per_slashings_vector": (8192, "| EPOCHS_PER_SLASHINGS_VECTOR | 8192"),
    "ethereum.effective_balance_increment": (10**9, "`I` = EFFECTIVE_BALANCE_INCREMENT = 10^9 gwei"),
    "ethereum.max_effective_balance": (32 * 10**9, "| MAX_EFFECTIVE_BALANCE | 32 ETH"),
    "ethereum.max_effective_balance_electra": (2048 * 10**9, "`MAX_EFFECTIVE_BALANCE_ELECTRA` = 2048 ETH"),
}
_FORK_ROWS = {
    "min_slashing_penalty_quotient": ((128, 64, 32, 4096), "| MIN_SLASHING_PENALTY_QUOTIENT | 128 (2^7) | 64"),
    "proportional_slashing_multiplier": ((1, 2, 3, 3), "| PROPORTIONAL_SLASHING_MULTIPLIER | 1 | 2"),
    "whistleblower_reward_quotient": ((512, 512, 512, 4096), "| WHISTLEBLOWER_REWARD_QUOTIENT | 512 (2^9)"),
}
for _name, (_vals, _text) in _FORK_ROWS.items():
    for _fork, _v in zip(("phase0", "altair", "bellatrix", "electra"), _vals):
        EXPECTED[f"ethereum.{_fork}.{_name}"] = (_v, _text)


def test_every_entry_has_an_expected_value():
    """A new parameter must be checked here too (helpers may keep theirs in their own test file)."""
    own = {k for k in params.REGISTRY if k in EXPECTED}
    assert own, "no parameter is checked"
    missing = set(EXPECTED) - set(params.REGISTRY)
    assert not missing, f"expected parameters missing from the registry: {sorted(missing)}"


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_value_matches_fact_sheet(key):
    assert params.value(key) == EXPECTED[key][0]


@pytest.mark.skipif(not FACTS.exists(), reason=(
    f"the team's fact sheet {FACTS} (../shared/FACTS.md, beside the checkout) is absent: "
    "the values are still checked against EXPECTED by test_value_matches_fact_sheet"))
@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_fact_sheet_states_it(key):
    assert EXPECTED[key][1] in FACTS.read_text(encoding="utf-8")


@pytest.mark.parametrize("p", list(params.REGISTRY.values()), ids=lambda p: p.key)
def test_every_entry_is_documented(p):
    assert p.unit is not None and p.description and p.source and p.holds_for
    assert p.confidence in {"H", "M"}, "only checked facts go into the registry"
    assert isinstance(p.value, (int, float)) and not isinstance(p.value, bool)


def test_unknown_key_names_close_matches():
    with pytest.raises(KeyError, match="metis.min_lock"):
        params.get("metis.minimum")
    with pytest.raises(ValueError, match="metis.min_lock"):  # issue 7: a ValueError too
        params.get("metis.minimum")
    with pytest.raises(params.UnknownParameterError) as info:
        params.get("nope")
    assert str(info.value).startswith("key must be a registered parameter, got 'nope'")
    with pytest.raises(TypeError, match="key must be a str"):
        params.get(3)


@pytest.mark.parametrize("bad", [-1, "5", None, True, float("nan"), float("inf"), 10**400])
def test_conversions_reject_bad_input(bad):
    with pytest.raises((ValueError, TypeError), match="blocks"):
        params.blocks_to_hours(bad)
    with pytest.raises((ValueError, TypeError), match="seconds"):
        params.seconds_to_days(bad)


def test_conversions_never_return_nan_or_inf():
    with pytest.raises(ValueError, match="non-finite"):
        params.blocks_to_hours(1e308, slot_seconds=1e308)


def test_conversions():
    assert params.blocks_to_hours(5760) == pytest.approx(19.2)
    assert params.blocks_to_hours(5760, slot_seconds=15) == pytest.approx(24.0)
    assert params.seconds_to_days(302400) == pytest.approx(3.5)
    assert {"metis.exit_delay", "metis.max_lock", "metis.min_lock"} <= set(params.keys("metis."))
    assert all(k.startswith("metis.") for k in params.keys("metis."))


def test_every_entry_is_checked_by_some_test():
    """The issue asks for a check of every entry against its source: here (EXPECTED) or in
    the test file of the module that added it, which must name the key."""
    tests_dir = Path(__file__).resolve().parent
    text = "\n".join(p.read_text(encoding="utf-8") for p in tests_dir.glob("test_*.py"))
    unchecked = [k for k in params.REGISTRY if k not in EXPECTED and f'"{k}"' not in text]
    assert not unchecked, f"parameters no test checks: {unchecked}"


# Entries corrected or added by issue 7 whose source is read outside FACTS.md: the value,
# and a fragment the recorded source must name (correction number in the comment).
SOURCED: dict[str, tuple[float, str]] = {
    # 6: clock extension + preimage challenge period before the final step (27 h)
    "op.fdg.preimage_challenge_period": (86400, "StandardValidatorUtils.sol"),
    # 11: the FDG parameters are the standard validator's EXPECTED_* constants
    "op.fdg.max_game_depth": (73, "StandardValidatorUtils.sol"),
    "op.fdg.split_depth": (30, "StandardValidatorUtils.sol"),
    "op.fdg.max_clock_duration": (302400, "StandardValidatorUtils.sol"),
    "op.fdg.clock_extension": (10800, "StandardValidatorUtils.sol"),
    # 10: usable bytes per blob
    "ethereum.field_elements_per_blob": (4096, "eip-4844.md"),
    "ethereum.blob_bytes": (131_072, "eip-4844.md"),
    # 2: the sentinel's 0.95 carve-out is Aave v3 up to v3.6
    "aave.liquidation_hf_during_grace": (0.95, "tag v3.6.0"),
}


@pytest.mark.parametrize("key", sorted(SOURCED))
def test_corrected_entries_keep_their_value_and_source(key):
    value, fragment = SOURCED[key]
    assert params.value(key) == value and fragment in params.get(key).source


def test_usable_blob_bytes():
    # correction 10: 131,072 raw; the OP Stack encoding 130,048 bytes, 4 of them a
    # header, so 130,044 of data (op-service/eth/blob.go); 31 bytes per field element 126,976
    n = params.value("ethereum.field_elements_per_blob")
    assert params.value("ethereum.blob_bytes") == 32 * n == 131_072
    assert params.value("ethereum.blob.op_max_data_bytes") == (4 * 31 + 3) * 1024 - 4 == 130_044
    assert 31 * n == 126_976


def test_op_clock_before_the_final_step_is_27_hours():
    # correction 6: clock extension (3 h) + preimage challenge period (24 h)
    ext = params.value("op.fdg.clock_extension")
    assert (ext + params.value("op.fdg.preimage_challenge_period")) / 3600 == 27


def test_aave_sentinel_is_the_design_up_to_v3_6():
    # correction 2: removed in v3.7.0 (June 2026), with the reason
    p = params.get("aave.liquidation_hf_during_grace")
    assert "up to v3.6" in p.holds_for and "v3.7.0" in p.holds_for
    assert "removed" in p.description and "false uptime signals" in p.description
    assert "sentinel-removal.md" in p.source


def test_metis_max_lock_is_a_cap_on_locking():
    # correction 11: maxLock caps what a sequencer may lock; rewards use at most that
    d = params.get("metis.max_lock").description
    assert d.startswith("Most METIS one sequencer may lock") and "rewards" in d


def test_aztec_slashing_is_a_tally_of_proposer_votes():
    # correction 11: Aztec's slashing is a tally of block proposers' votes
    assert "block proposers vote" in params.get("aztec.slashing_round_slots").description
