"""Protocol constants used in the book, each with its unit, source and the version it holds for.

Every protocol number that appears in a chapter comes from this registry, so that a
protocol upgrade changes one line here and the book follows. Entries are grouped by
protocol; keys are dotted lower-case names.

Examples
--------
>>> from seqlearn import params
>>> params.value("arbitrum.confirm_period_blocks")
45818
>>> p = params.get("op.fdg.max_clock_duration")
>>> p.value, p.unit
(302400, 's')
>>> round(params.seconds_to_days(params.value("op.fdg.max_clock_duration")), 2)
3.5
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from seqlearn import validation as v

__all__ = [
    "Param",
    "UnknownParameterError",
    "REGISTRY",
    "get",
    "value",
    "keys",
    "table",
    "L1_SLOT_SECONDS",
    "blocks_to_days",
    "blocks_to_hours",
    "seconds_to_days",
]


@dataclass(frozen=True)
class Param:
    """One protocol constant.

    Attributes
    ----------
    key : str
        Dotted registry name, for example ``"arbitrum.delay_blocks"``.
    value : int or float
        The number, in ``unit``.
    unit : str
        Unit of ``value`` (``"blocks"``, ``"s"``, ``"ETH"``, ``"METIS"``, ...).
    description : str
        What the number is, in one line.
    source : str
        Primary source: a URL, or ``repository: path`` inside a public repository.
    holds_for : str
        Version, fork or date for which the value is known to hold.
    confidence : str
        ``"H"`` read in a primary source, ``"M"`` official statement passed on by a
        secondary outlet (see ``shared/FACTS.md`` for the scale).
    """

    key: str
    value: int | float
    unit: str
    description: str
    source: str
    holds_for: str
    confidence: str = "H"

    def __post_init__(self) -> None:
        v.text("key", self.key)
        if isinstance(self.value, bool) or not isinstance(self.value, (int, float)):
            raise v.fail("value", "an int or a float", self.value, TypeError)
        if isinstance(self.value, float):
            v.real("value", self.value)
        for name in ("unit", "description", "source", "holds_for"):
            v.text(name, getattr(self, name), allow_empty=name == "unit")
        v.option("confidence", self.confidence, ("H", "M"))


class UnknownParameterError(ValueError, KeyError):
    """No parameter has the key asked for (a :class:`ValueError`; also a :class:`KeyError`
    for code written against the registry as a mapping)."""

    __str__ = Exception.__str__  # a plain message, not KeyError's quoted repr


_NITRO = "OffchainLabs/nitro-contracts: scripts/files/configs/arb1.ts"
_ARB_DOCS = "OffchainLabs/arbitrum-docs: docs/partials/_reference-chain-parameters.mdx"
_OP_STD = (
    "ethereum-optimism/superchain-registry: "
    "validation/standard/standard-config-params-mainnet.toml"
)
_OP_BONDS = "ethereum-optimism/specs: specs/fault-proof/stage-one/bond-incentives.md"
_OP_FDG = (
    "ethereum-optimism/optimism: packages/contracts-bedrock/src/L1/opcm/"
    "StandardValidatorUtils.sol (EXPECTED_* constants of the OPCM standard validator)"
)
_OP_TOML = "ethereum-optimism/superchain-registry: superchain/configs/mainnet/op.toml"
_CS = "ethereum/consensus-specs: specs/{fork}/beacon-chain.md"
_CS_CONFIG = "ethereum/consensus-specs: presets/mainnet/phase0.yaml"
_EIP = "ethereum/EIPs: EIPS/eip-{n}.md"
_OP_GPO = ("ethereum-optimism/optimism: "
           "packages/contracts-bedrock/src/L2/GasPriceOracle.sol")
_OP_REVSHARE = ("ethereum-optimism/specs: specs/protocol/revshare/"
                "superchain-revshares-calc.md; SuperchainRevSharesCalculator.sol")
_NITRO_L1 = "OffchainLabs/nitro: arbos/l1pricing/l1pricing.go"
_TB_DOCS = "OffchainLabs/arbitrum-docs: docs/how-arbitrum-works/timeboost/"

_ENTRIES: tuple[Param, ...] = (
    # --- Ethereum L1 timing -------------------------------------------------------------
    Param("ethereum.slot_seconds", 12, "s", "Seconds per Ethereum slot (one L1 block per slot)",
          "ethereum/consensus-specs: specs/phase0/beacon-chain.md (SLOT_DURATION_MS = 12000)",
          "Phase 0 to Fulu"),
    Param("ethereum.slots_per_epoch", 32, "slots", "Slots per Ethereum epoch",
          _CS_CONFIG, "Phase 0 to Fulu"),
    # --- Arbitrum One ---------------------------------------------------------------------
    Param("arbitrum.confirm_period_blocks", 45818, "blocks",
          "Challenge period (confirmPeriodBlocks): L1 blocks before an assertion can be confirmed",
          _ARB_DOCS, "Arbitrum One, BoLD contracts (2025)"),
    Param("arbitrum.bold.assertion_stake", 3600, "ETH",
          "BoLD assertion bond (stakeAmt), paid in WETH",
          _NITRO, "Arbitrum One, BoLD live since 12 Feb 2025"),
    Param("arbitrum.bold.mini_stake_block_level", 0, "ETH",
          "BoLD mini-bond at the block level (covered by the assertion bond)",
          _NITRO, "Arbitrum One, BoLD live since 12 Feb 2025"),
    Param("arbitrum.bold.mini_stake_big_step", 555, "ETH",
          "BoLD mini-bond per edge at the big-step level",
          _NITRO, "Arbitrum One, BoLD live since 12 Feb 2025"),
    Param("arbitrum.bold.mini_stake_small_step", 79, "ETH",
          "BoLD mini-bond per edge at the small-step level",
          _NITRO, "Arbitrum One, BoLD live since 12 Feb 2025"),
    Param("arbitrum.bold.levels", 3, "levels",
          "BoLD challenge levels: block, big-step, small-step (numBigStepLevel = 1)",
          _NITRO, "Arbitrum One, BoLD live since 12 Feb 2025"),
    Param("arbitrum.bold.block_leaf_size", 2**26, "L2 blocks",
          "Most L2 blocks one assertion covers (blockLeafSize)",
          _NITRO, "Arbitrum One, BoLD live since 12 Feb 2025"),
    Param("arbitrum.bold.big_step_leaf_size", 2**19, "big-steps",
          "Big-steps per block in the big-step game (bigStepLeafSize)",
          _NITRO, "Arbitrum One, BoLD live since 12 Feb 2025"),
    Param("arbitrum.bold.small_step_leaf_size", 2**23, "steps",
          "WASM steps per big-step in the small-step game (smallStepLeafSize)",
          _NITRO, "Arbitrum One, BoLD live since 12 Feb 2025"),
    Param("arbitrum.bold.challenge_grace_period_blocks", 14400, "blocks",
          "Grace period after a won challenge before confirmation (challengeGracePeriodBlocks)",
          _NITRO, "Arbitrum One, BoLD live since 12 Feb 2025"),
    Param("arbitrum.delay_blocks", 5760, "blocks",
          "Force-inclusion delay (delayBlocks): L1 blocks a delayed-inbox message waits "
          "before anyone can force it into the chain",
          _ARB_DOCS, "Arbitrum One and Nova, BoLD contracts (2024-2025)"),
    Param("arbitrum.delay_buffer_blocks", 14400, "blocks",
          "Initial censorship-timeout (delay buffer) size",
          "OffchainLabs/arbitrum-docs: docs/how-arbitrum-works/deep-dives/sequencer.mdx",
          "Arbitrum One, BoLD contracts (2025)"),
    Param("arbitrum.delay_buffer_threshold_blocks", 150, "blocks",
          "Delay above which the censorship-timeout buffer starts to run down",
          _NITRO, "Arbitrum One, BoLD contracts (2025)"),
    Param("arbitrum.timeboost.round_seconds", 60, "s",
          "Length of one Timeboost express-lane auction round",
          "OffchainLabs/arbitrum-docs: docs/how-arbitrum-works/timeboost/",
          "Arbitrum One, Timeboost (2025)"),
    Param("arbitrum.timeboost.nonexpress_delay_ms", 200, "ms",
          "Artificial delay added to transactions outside the express lane",
          "OffchainLabs/arbitrum-docs: docs/how-arbitrum-works/timeboost/",
          "Arbitrum One, Timeboost (2025)"),
    Param("arbitrum.block_time_ms", 250, "ms", "Arbitrum One L2 block time",
          "OffchainLabs/arbitrum-docs: docs/how-arbitrum-works/timeboost/",
          "Arbitrum One (2025)"),
    Param("arbitrum.bold.econ_bridge_value", 3.4e9, "USD",
          "Assets in the Arbitrum One bridge used to size the BoLD assertion bond",
          "OffchainLabs/arbitrum-docs: docs/how-arbitrum-works/bold/bold-economics-of-disputes.mdx",
          "Arbitrum docs, figure as of 23 Oct 2024"),
    Param("arbitrum.bold.econ_rate", 0.05, "1/year",
          "Yield assumed for the opportunity cost of delayed withdrawals (5% APY)",
          "OffchainLabs/arbitrum-docs: docs/how-arbitrum-works/bold/bold-economics-of-disputes.mdx",
          "Arbitrum docs, figure as of 23 Oct 2024"),
    Param("arbitrum.bold.econ_week_delay_cost", 3.27e6, "USD",
          "Stated opportunity cost of one extra week of delay on the bridged assets",
          "OffchainLabs/arbitrum-docs: docs/how-arbitrum-works/bold/bold-economics-of-disputes.mdx",
          "Arbitrum docs, figure as of 23 Oct 2024"),
    Param("arbitrum.bold.econ_min_bond", 3.7e6, "USD",
          "Assertion bond the docs recommend exceeding, from the one-week delay cost",
          "OffchainLabs/arbitrum-docs: docs/how-arbitrum-works/bold/bold-economics-of-disputes.mdx",
          "Arbitrum docs, figure as of 23 Oct 2024"),
    # --- OP Stack --------------------------------------------------------------------------
    Param("op.fdg.max_game_depth", 73, "levels", "Fault dispute game maximum depth",
          _OP_FDG, "OP Stack standard validator (2026)"),
    Param("op.fdg.split_depth", 30, "levels",
          "Depth at which the game switches from output roots to the execution trace",
          _OP_FDG, "OP Stack standard validator (2026)"),
    Param("op.fdg.max_clock_duration", 302400, "s",
          "Each side's chess clock in the fault dispute game (3.5 days)",
          _OP_FDG, "OP Stack standard validator (2026)"),
    Param("op.fdg.clock_extension", 10800, "s",
          "Clock extension granted to a move made with little time left (3 h)",
          _OP_FDG, "OP Stack standard validator (2026)"),
    Param("op.fdg.preimage_challenge_period", 86400, "s",
          "Challenge period of the preimage oracle's large-preimage proposals (24 h); the "
          "move before the final step gets it on top of the clock extension",
          _OP_FDG, "OP Stack standard validator (2026)"),
    Param("op.fdg.delayed_weth_delay", 604800, "s",
          "Withdrawal delay of DelayedWETH, which holds the game's bonds (7 days; the "
          "value the specification proposes)",
          _OP_BONDS, "OP Stack fault proofs specification (2026)"),
    Param("op.fdg.bond_assumed_base_fee", 200, "gwei",
          "Base fee assumed by the bond formula (not the live gas price)",
          _OP_BONDS, "OP Stack fault proofs, Big Bonds v1.5"),
    Param("op.fdg.bond_base_gas", 400_000, "gas",
          "Gas charged for the bond at depth 0 (baseGasCharged)",
          _OP_BONDS, "OP Stack fault proofs, Big Bonds v1.5"),
    Param("op.fdg.bond_high_gas", 300_000_000, "gas",
          "Gas charged for the bond at the maximum depth (highGasCharged)",
          _OP_BONDS, "OP Stack fault proofs, Big Bonds v1.5"),
    Param("op.proof_maturity_delay", 604800, "s",
          "Time a proven withdrawal must wait before it can be finalized (7 days)",
          _OP_STD, "OP Stack standard config (2026)"),
    Param("op.dispute_game_finality_delay", 302400, "s",
          "Air-gap after a dispute game resolves before it counts as final (3.5 days)",
          _OP_STD, "OP Stack standard config (2026)"),
    Param("op.seq_window_size", 3600, "blocks",
          "Sequencing window: L1 blocks within which a batch must land before deposits "
          "are force-included",
          _OP_TOML, "OP Mainnet (2026)"),
    Param("op.max_sequencer_drift", 1800, "s",
          "Largest lead of an L2 timestamp over its L1 origin (protocol constant from Fjord)",
          "ethereum-optimism/specs: specs/protocol/derivation.md",
          "OP Stack from Fjord (OP Mainnet, 10 Jul 2024)"),
    Param("op.block_time", 2, "s", "OP Mainnet L2 block time", _OP_TOML, "OP Mainnet (2026)"),
    # --- Ethereum L1 data costs (rollup batches) -------------------------------------------
    Param("ethereum.gas_per_blob", 131_072, "blob gas",
          "Blob gas charged per blob (GAS_PER_BLOB = 2**17)",
          "ethereum/EIPs: EIPS/eip-4844.md", "Cancun (13 Mar 2024) to Osaka"),
    Param("ethereum.blob_bytes", 131_072, "bytes",
          "Raw size of one blob: FIELD_ELEMENTS_PER_BLOB (4096) x BYTES_PER_FIELD_ELEMENT (32)",
          "ethereum/EIPs: EIPS/eip-4844.md", "Cancun (13 Mar 2024) to Osaka"),
    Param("ethereum.field_elements_per_blob", 4096, "",
          "Field elements per blob (FIELD_ELEMENTS_PER_BLOB), each of 32 bytes",
          "ethereum/EIPs: EIPS/eip-4844.md", "Cancun (13 Mar 2024) to Osaka"),
    Param("ethereum.calldata_gas_per_byte", 16, "gas",
          "Gas per non-zero calldata byte (standard cost; EIP-7623 adds a higher floor "
          "for data-heavy transactions from Prague)",
          "ethereum/EIPs: EIPS/eip-2028.md", "Istanbul (Dec 2019) onward"),
    Param("ethereum.tx_base_gas", 21_000, "gas",
          "Intrinsic gas of every Ethereum transaction (G_transaction)",
          "Ethereum yellow paper, appendix G (G_transaction)", "Frontier onward"),
    # --- Staked and decentralized sequencers ------------------------------------------------
    Param("metis.min_lock", 20_000, "METIS", "Minimum stake to run a Metis sequencer",
          "MetisProtocol/metis-sequencer-contract: contracts/LockingInfo.sol (minLock)",
          "Metis Andromeda, contract snapshot 2025-01-20"),
    Param("metis.max_lock", 100_000, "METIS",
          "Most METIS one sequencer may lock (maxLock); rewards are computed on at most "
          "this amount",
          "MetisProtocol/metis-sequencer-contract: contracts/LockingInfo.sol (maxLock)",
          "Metis Andromeda, contract snapshot 2025-01-20"),
    Param("metis.exit_delay", 21, "days", "Exit (unbonding) delay for a Metis sequencer",
          "MetisProtocol/metis-sequencer-contract: contracts/LockingPool.sol (exitDelayPeriod)",
          "Metis Andromeda, contract snapshot 2025-01-20"),
    Param("metis.advertised_rewards_rate", 0.20, "per year",
          "Mining rewards rate metis.io advertised for sequencers' first 12 months "
          "(marketing figure; the on-chain rewardPerBlock can be changed)",
          "https://metis.io (decentralized sequencer page)",
          "Metis decentralized sequencing, first 12 months (2024-2025)", confidence="M"),
    Param("aztec.min_stake", 200_000, "AZTEC", "Minimum stake to run an Aztec sequencer",
          "https://docs.aztec.network (sequencer management)",
          "Aztec Ignition mainnet (docs as read in 2026)"),
    Param("aztec.slashing_round_slots", 128, "L2 slots",
          "Length of one round of Aztec's tally slashing, in which block proposers vote "
          "0-3 slash units on offences from round N-2",
          "https://docs.aztec.network (sequencer management: slashing)",
          "Aztec Ignition mainnet (docs as read in 2026)"),
    Param("aztec.v5_excused_window_slashed", 370_000, "AZTEC",
          "Stake reported slashed during the window after the v5 upgrade that had been "
          "declared excused (compensation proposed)",
          "AztecProtocol/governance, discussion #57 (as reported; not opened by us)",
          "Aztec mainnet after the v5 upgrade (date unverified, about mid-2026)", "M"),
    Param("taiko.liveness_bond", 125, "TAIKO", "Liveness bond per proposed batch",
          "https://docs.taiko.xyz/network-reference/network-configuration",
          "Taiko mainnet (docs as read in 2026)"),
    Param("taiko.proving_window", 120, "min", "Time the proposer has to prove its own batch",
          "https://docs.taiko.xyz/network-reference/network-configuration",
          "Taiko mainnet (docs as read in 2026)"),
    Param("urc.min_collateral", 1, "ETH",
          "Minimum collateral to register in the Universal Registry Contract (minCollateralWei)",
          "eth-fabric/urc: config/registry.json", "URC snapshot 2025-07-07"),
    Param("urc.unregistration_delay_blocks", 7200, "blocks",
          "Delay before registered collateral can leave the Universal Registry Contract",
          "eth-fabric/urc: config/registry.json", "URC snapshot 2025-07-07"),
    # --- Oracles ---------------------------------------------------------------------------
    Param("chainlink.grace_period", 3600, "s",
          "Grace period after the sequencer comes back in Chainlink's sample consumer",
          "smartcontractkit/documentation: "
          "public/samples/DataFeeds/DataConsumerWithSequencerCheck.sol",
          "Chainlink docs snapshot 2026-08-21"),
    Param("chainlink.uptime_round_seconds", 30, "s",
          "Interval of the OCR rounds that report Arbitrum's sequencer status",
          "smartcontractkit/documentation: src/content/data-feeds/l2-sequencer-feeds.mdx",
          "Chainlink docs snapshot 2026-08-21"),
    Param("aave.liquidation_hf_during_grace", 0.95, "health factor",
          "Health factor below which Aave v3's price-oracle sentinel allowed liquidations "
          "even during the grace period (removed with the sentinel in v3.7.0, June 2026, "
          "because false uptime signals blocked liquidations while positions deteriorated)",
          "aave-dao/aave-v3-origin: src/contracts/protocol/libraries/logic/ValidationLogic.sol "
          "(tag v3.6.0); removal: docs/3.7/sentinel-removal.md",
          "Aave v3 up to v3.6 (not in v3.7.0, 1 Jun 2026)"),
    # --- Ethereum proof-of-stake slashing ---------------------------------------------------
    *(
        Param(f"ethereum.{fork}.{name}", val, unit, desc, _CS.format(fork=src_fork), holds)
        for fork, src_fork, holds, consts in (
            ("phase0", "phase0", "Phase 0 (Dec 2020)", (128, 1, 512)),
            ("altair", "altair", "Altair (Oct 2021)", (64, 2, 512)),
            ("bellatrix", "bellatrix", "Bellatrix to Deneb (Sep 2022 - May 2025)", (32, 3, 512)),
            ("electra", "electra", "Electra and Fulu (from May 2025)", (4096, 3, 4096)),
        )
        for name, val, unit, desc in (
            ("min_slashing_penalty_quotient", consts[0], "",
             "Initial slashing penalty is effective balance divided by this"),
            ("proportional_slashing_multiplier", consts[1], "",
             "Multiplier on recently slashed stake in the correlation penalty"),
            ("whistleblower_reward_quotient", consts[2], "",
             "Whistleblower reward is effective balance divided by this"),
        )
    ),
    Param("ethereum.epochs_per_slashings_vector", 8192, "epochs",
          "Window over which slashed balances add up for the correlation penalty (~36 days)",
          _CS.format(fork="phase0"), "Phase 0 to Fulu"),
    Param("ethereum.effective_balance_increment", 10**9, "gwei",
          "Effective balances move in steps of this size (1 ETH)",
          _CS.format(fork="phase0"), "Phase 0 to Fulu"),
    Param("ethereum.max_effective_balance", 32 * 10**9, "gwei",
          "Largest effective balance of a 0x01 validator (32 ETH)",
          _CS.format(fork="phase0"), "Phase 0 to Fulu"),
    Param("ethereum.max_effective_balance_electra", 2048 * 10**9, "gwei",
          "Largest effective balance of a compounding (0x02) validator (2048 ETH)",
          _CS.format(fork="electra"), "Electra and Fulu (from May 2025)"),
    Param("ethereum.phase0.proposer_reward_quotient", 8, "",
          "Proposer's share of the whistleblower reward is 1/this (Phase 0 only)",
          _CS.format(fork="phase0"), "Phase 0 (Dec 2020 - Oct 2021)"),
    Param("ethereum.altair.proposer_weight", 8, "",
          "Proposer weight: proposer's share of a whistleblower reward is weight/denominator",
          _CS.format(fork="altair"), "Altair to Fulu (Oct 2021 -)"),
    Param("ethereum.altair.weight_denominator", 64, "",
          "Denominator of the Altair reward weights",
          _CS.format(fork="altair"), "Altair to Fulu (Oct 2021 -)"),
    # --- Chapters 7-8: stability, uptime feeds, derivatives -------------------------------
    Param("aave.health_factor_liquidation_threshold", 1.0, "health factor",
          "A position can be liquidated only below this health factor "
          "(HEALTH_FACTOR_LIQUIDATION_THRESHOLD = 1e18)",
          "aave-dao/aave-v3-origin: src/contracts/protocol/libraries/logic/ValidationLogic.sol",
          "Aave v3.0 to v3.7 (tags v3.6.0, v3.7.0)"),
    Param("aave.sentinel_grace_period", 3600, "s",
          "Grace period of the PriceOracleSentinel on Aave v3 L2 markets (the bug pause lasted "
          "this long every day)",
          "bgd-labs/aave-proposals-v3: "
          "src/20231125_Multi_UpdatePriceOracleSentinel/UpdatePriceOracleSentinel.md",
          "Aave v3 Arbitrum, Optimism, Base, Metis markets (Nov 2023)", "M"),
    Param("op_conductor.reference_replicas", 3, "sequencers",
          "Sequencers in OP Conductor's reference high-availability cluster (Raft, one leader)",
          "ethereum-optimism/docs: chain-operators/tools/op-conductor.mdx",
          "OP docs snapshot 2025-11-21"),
    Param("op_conductor.health_check_interval", 1, "s",
          "Suggested health-check interval of OP Conductor",
          "ethereum-optimism/docs: chain-operators/tools/op-conductor.mdx",
          "OP docs snapshot 2025-11-21"),
    Param("op_conductor.unsafe_interval", 5, "s",
          "Suggested unsafe-head check interval of OP Conductor (2-3x the block time)",
          "ethereum-optimism/docs: chain-operators/tools/op-conductor.mdx",
          "OP docs snapshot 2025-11-21"),
    # chapter 8
    Param("arbitrum.timeboost.express_lane_drop_blocks", 5, "blocks",
          "Express-lane transactions not sequenced within this many blocks (1,250 ms) "
          "are dropped",
          "OffchainLabs/arbitrum-docs: docs/how-arbitrum-works/timeboost/timeboost-faq.mdx",
          "Arbitrum docs snapshot 2026-08-07"),
    # (entries for chapters 7-8 go here)
    # --- Chapter 9: fees and sequencer economics ------------------------------------------
    Param("ethereum.blob.min_base_fee", 1, "wei",
          "Smallest base fee per blob gas (MIN_BASE_FEE_PER_BLOB_GAS)",
          _EIP.format(n=4844), "Cancun (13 Mar 2024) onward"),
    Param("ethereum.blob.base_cost", 2**13, "gas",
          "EIP-7918 BLOB_BASE_COST: execution gas a blob must cost at least "
          "(reserve price)", _EIP.format(n=7918), "Osaka (3 Dec 2025) onward"),
    Param("ethereum.blob.op_max_data_bytes", 130_044, "bytes",
          "Largest payload the OP Stack blob encoding fits in one blob: "
          "(4 x 31 + 3) x 1024 - 4 (4 x 254 bits per 127 bytes, minus a 4-byte header)",
          "ethereum-optimism/optimism: op-service/eth/blob.go (MaxBlobDataSize)",
          "OP Stack from Ecotone (14 Mar 2024)"),
    *(
        Param(f"ethereum.blob.{fork}.{name}", val, unit, desc.format(fork=fork.upper()),
              src, holds)
        for fork, (target, mx, frac), src, holds in (
            ("cancun", (3, 6, 3_338_477), _EIP.format(n=4844),
             "Cancun (13 Mar 2024 - 7 May 2025)"),
            ("prague", (6, 9, 5_007_716), _EIP.format(n=7691),
             "Prague (7 May 2025 - 3 Dec 2025)"),
            ("osaka", (6, 9, 5_007_716),
             "ethereum/execution-specs: src/ethereum/forks/osaka/vm/gas.py",
             "Osaka (3 Dec 2025 - 9 Dec 2025)"),
            ("bpo1", (10, 15, 8_346_193), _EIP.format(n=8134),
             "BPO1 (9 Dec 2025 - 7 Jan 2026)"),
            ("bpo2", (14, 21, 11_684_671), _EIP.format(n=8135),
             "BPO2 (7 Jan 2026 onward)"),
        )
        for name, val, unit, desc in (
            ("target", target, "blobs", "Target blobs per block ({fork} blob schedule)"),
            ("max", mx, "blobs", "Maximum blobs per block ({fork} blob schedule)"),
            ("update_fraction", frac, "blob gas",
             "baseFeeUpdateFraction of the {fork} blob schedule"),
        )
    ),
    *(
        Param(f"ethereum.fork_time.{fork}", t, "s",
              f"Mainnet activation timestamp of {fork} (Unix seconds)",
              _EIP.format(n=n), holds)
        for fork, t, n, holds in (
            ("cancun", 1_710_338_135, 7569, "13 Mar 2024 13:55:35 UTC"),
            ("prague", 1_746_612_311, 7600, "7 May 2025 10:05:11 UTC"),
            ("osaka", 1_764_798_551, 7607, "3 Dec 2025 21:49:11 UTC"),
            ("bpo1", 1_765_290_071, 8134, "9 Dec 2025 14:21:11 UTC"),
            ("bpo2", 1_767_747_671, 8135, "7 Jan 2026 01:01:11 UTC"),
        )
    ),
    Param("ethereum.calldata_gas_per_zero_byte", 4, "gas", "Gas per zero calldata byte",
          "Ethereum yellow paper, appendix G (G_txdatazero); EIP-2028", "Istanbul onward"),
    Param("ethereum.eip7623.standard_token_cost", 4, "gas",
          "Gas per calldata token (a zero byte is 1 token, a non-zero byte 4)",
          _EIP.format(n=7623), "Prague (7 May 2025) onward"),
    Param("ethereum.eip7623.floor_per_token", 10, "gas",
          "Floor gas per calldata token (TOTAL_COST_FLOOR_PER_TOKEN)",
          _EIP.format(n=7623), "Prague (7 May 2025) onward"),
    Param("op.fjord.intercept", -42_585_600, "1e-6 bytes",
          "Intercept of the FastLZ-to-Brotli size regression (scaled by 1e6)",
          _OP_GPO, "OP Stack from Fjord (OP Mainnet, 10 Jul 2024)"),
    Param("op.fjord.fastlz_coef", 836_500, "1e-6",
          "Slope of the FastLZ-to-Brotli size regression (scaled by 1e6)",
          _OP_GPO, "OP Stack from Fjord (OP Mainnet, 10 Jul 2024)"),
    Param("op.fjord.min_tx_size", 100, "bytes",
          "Smallest estimated compressed size charged for a transaction",
          _OP_GPO, "OP Stack from Fjord (OP Mainnet, 10 Jul 2024)"),
    Param("op.fjord.unsigned_tx_padding", 68, "bytes",
          "Bytes GasPriceOracle.getL1Fee adds to the FastLZ size of an unsigned transaction",
          _OP_GPO, "OP Stack from Fjord (OP Mainnet, 10 Jul 2024)"),
    Param("op.max_fee_scalar", 10_000_000, "",
          "Largest base-fee or blob-base-fee scalar the standard configuration allows",
          _OP_STD, "OP Stack standard config (2026)"),
    Param("op.max_minimum_base_fee", 10 * 10**9, "wei",
          "Largest minimum L2 base fee (Jovian) the standard configuration allows",
          _OP_STD, "OP Stack standard config (2026)"),
    Param("op.revshare.gross_bps", 250, "bps",
          "Superchain revenue share: gross leg, 2.5% of gross revenue",
          _OP_REVSHARE, "SuperchainRevSharesCalculator 1.0.0 (spec added Nov 2025)"),
    Param("op.revshare.net_bps", 1_500, "bps",
          "Superchain revenue share: net leg, 15% of gross revenue less L1 fee revenue",
          _OP_REVSHARE, "SuperchainRevSharesCalculator 1.0.0 (spec added Nov 2025)"),
    Param("arbitrum.l1pricing.units_per_byte", 16, "units",
          "Data units per Brotli-compressed byte of a transaction",
          _NITRO_L1, "Nitro (code snapshot 001ae3179abb)"),
    Param("arbitrum.l1pricing.initial_inertia", 10, "",
          "Initial inertia of the L1 price controller", _NITRO_L1,
          "Nitro initial value (live setting UNVERIFIED, not used as fact)"),
    Param("arbitrum.l1pricing.initial_equilibration_units_v6", 160_000_000, "units",
          "Initial equilibration units from ArbOS 6 (16 x 10,000,000)", _NITRO_L1,
          "Nitro initial value (live setting UNVERIFIED, not used as fact)"),
    Param("arbitrum.l1pricing.initial_per_unit_reward", 10, "wei",
          "Initial reward per data unit paid to the rewards recipient", _NITRO_L1,
          "Nitro initial value (live setting UNVERIFIED, not used as fact)"),
    Param("arbitrum.timeboost.auction_closing_seconds", 15, "s",
          "Bidding for a Timeboost round closes this long before the round starts",
          _TB_DOCS, "Arbitrum One and Nova (docs snapshot 2026-08-07)"),
    Param("arbitrum.timeboost.min_reserve_wei", 10**15, "wei",
          "Default minimum reserve price of the express-lane auction (0.001 WETH)",
          _TB_DOCS + "how-to-use-timeboost.mdx",
          "Arbitrum One and Nova (docs snapshot 2026-08-07)"),
    Param("arbitrum.timeboost.dao_share_bps", 9_700, "bps",
          "Share of Timeboost proceeds sent to the Arbitrum DAO treasury (the rest, 3%, "
          "to the Arbitrum Developer Guild)",
          "forum.arbitrum.foundation/t/constitutional-aip-automate-timeboost-proceeds-split"
          "/30920", "AIP text (2025)"),
    # --- Chapters 10-11: decentralization and shared sequencers ---------------------------
    # (entries for chapters 10-11 go here)
    Param("urc.slash_window_blocks", 7200, "blocks",
          "Window in which a registered operator can be slashed in the Universal Registry "
          "Contract (slashWindow; fraudProofWindow and optInDelay are also 7,200 blocks)",
          "eth-fabric/urc: config/registry.json", "URC snapshot 2025-07-07"),
    Param("astria.genesis_validators", 11, "validators",
          "Validators in the genesis of Astria's shared-sequencer mainnet",
          "astriaorg/networks: astria/genesis.json",
          "Astria Mainnet Alpha genesis, 2024-10-21"),
    Param("astria.genesis_astria_nodes", 4, "validators",
          "Genesis validators run by Astria itself (astria0 to astria3)",
          "astriaorg/networks: astria/genesis.json",
          "Astria Mainnet Alpha genesis, 2024-10-21"),
    Param("astria.genesis_astria_power", 100, "votes",
          "Voting power of each Astria-run genesis validator",
          "astriaorg/networks: astria/genesis.json",
          "Astria Mainnet Alpha genesis, 2024-10-21"),
    Param("astria.genesis_external_power", 25, "votes",
          "Voting power of each of the seven external genesis validators",
          "astriaorg/networks: astria/genesis.json",
          "Astria Mainnet Alpha genesis, 2024-10-21"),
    Param("astria.flame_halt_block", 12_832_467, "blocks",
          "Block at which Astria's EVM rollup Flame was halted at its end of life",
          "astriaorg/astria: commit ad4414606 'chore: halt flame (#2268)'",
          "10 Oct 2025 (last commit of the repository)"),
    Param("astria.sequencer_halt_block", 15_360_577, "blocks",
          "Block at which the Astria sequencer network was halted for good (reported)",
          "coinalertnews.com (3 Dec 2025) and blockeden.xyz forum; no primary source",
          "early December 2025", confidence="M"),
    Param("starknet.sequencers", 3, "sequencers",
          "Sequencers running Tendermint consensus on Starknet mainnet from v0.14.0, all "
          "operated by StarkWare",
          "https://www.starknet.io/blog/starknet-incident-report-september-2-2025",
          "Starknet v0.14.0 'Grinta', from 1-2 Sep 2025"),
    Param("espresso.max_validators", 100, "validators",
          "Espresso's active validator set: the top validators by stake",
          "https://docs.espressosys.com (staking rewards calculation)",
          "Espresso mainnet proof of stake (docs as read in 2026)"),
    Param("espresso.min_stake_ratio", 0.001, "",
          "Minimum stake of an active Espresso validator, as a fraction of the largest "
          "validator's stake (1/1000)",
          "https://docs.espressosys.com (staking rewards calculation)",
          "Espresso mainnet proof of stake (docs as read in 2026)"),
    Param("espresso.reward_coefficient", 0.03, "per year",
          "Coefficient c of Espresso's reward rate R(p) = c / sqrt(2 p), p the staked share "
          "of supply",
          "https://docs.espressosys.com (staking rewards calculation)",
          "Espresso mainnet proof of stake (docs as read in 2026)"),
    Param("espresso.reward_floor_share", 0.01, "",
          "Floor of the staked share p in Espresso's reward formula (p < 1% counts as 1%)",
          "https://docs.espressosys.com (staking rewards calculation)",
          "Espresso mainnet proof of stake (docs as read in 2026)"),
    Param("espresso.commission_step_bps", 500, "bps",
          "Largest commission increase an Espresso validator may make per 7 days "
          "(decreases are free)",
          "EspressoSystems/espresso-network: contracts/src/StakeTableV2.sol (updateCommission)",
          "StakeTableV2 at commit 05cf1ddfcf71"),
    Param("taiko.whitelisted_preconfers", 3, "operators",
          "Whitelisted preconfirmers in stage 1 of Taiko's based preconfirmations "
          "(Nethermind, Chainbound, Gattaca)",
          "https://docs.taiko.xyz (based preconfirmation)",
          "Taiko Alethia, stage 1 of the preconfirmation rollout (docs as read in 2026)"),
)

REGISTRY: dict[str, Param] = {p.key: p for p in _ENTRIES}
if len(REGISTRY) != len(_ENTRIES):  # pragma: no cover - guards against a duplicated key
    raise RuntimeError("duplicate key in seqlearn.params")

L1_SLOT_SECONDS: int = REGISTRY["ethereum.slot_seconds"].value  # type: ignore[assignment]


def get(key: str) -> Param:
    """Return the :class:`Param` registered under ``key``.

    Raises
    ------
    UnknownParameterError
        If no entry has that key (a :class:`ValueError`, and a :class:`KeyError`); the
        message lists close matches.
    TypeError
        If ``key`` is not a string.
    """
    v.instance("key", key, str)
    try:
        return REGISTRY[key]
    except KeyError:
        prefix = key.split(".")[0]
        near = [k for k in REGISTRY if k.startswith(prefix)] if prefix else []
        hint = f"; keys starting with {prefix!r}: {near}" if near else \
            "; params.keys() lists them all"
        raise UnknownParameterError(f"key must be a registered parameter, got {key!r}"
                                    + hint) from None


def value(key: str) -> int | float:
    """Return the value of the parameter ``key`` (see :func:`get`)."""
    return get(key).value


def keys(prefix: str = "") -> list[str]:
    """Return the registered keys that start with ``prefix``, sorted."""
    v.text("prefix", prefix, allow_empty=True)
    return sorted(k for k in REGISTRY if k.startswith(prefix))


def table(selected: Iterable[str]) -> list[dict[str, object]]:
    """Return rows (dicts) describing the selected parameters, ready for a table.

    Examples
    --------
    >>> table(["metis.min_lock"])[0]["value"]
    20000
    """
    if isinstance(selected, str) or not isinstance(selected, Iterable):
        raise v.fail("selected", "an iterable of keys (a list, not one string)", selected,
                     TypeError)
    rows = []
    for key in selected:
        p = get(key)
        rows.append({"key": p.key, "value": p.value, "unit": p.unit,
                     "description": p.description, "holds for": p.holds_for,
                     "source": p.source})
    return rows


def blocks_to_hours(blocks: float, slot_seconds: float = L1_SLOT_SECONDS) -> float:
    """Convert L1 blocks to hours, assuming one block per ``slot_seconds`` slot.

    >>> round(blocks_to_hours(5760), 1)
    19.2
    """
    hours = (v.nonnegative("blocks", blocks) * v.nonnegative("slot_seconds", slot_seconds)
             / 3600.0)
    return v.finite_result("number of hours", hours)


def blocks_to_days(blocks: float, slot_seconds: float = L1_SLOT_SECONDS) -> float:
    """Convert L1 blocks to days, assuming one block per ``slot_seconds`` slot.

    >>> round(blocks_to_days(45818), 2)
    6.36
    """
    return blocks_to_hours(blocks, slot_seconds) / 24.0


def seconds_to_days(seconds: float) -> float:
    """Convert seconds to days."""
    return v.nonnegative("seconds", seconds) / 86400.0
