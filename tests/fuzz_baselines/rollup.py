"""Fuzz baselines for seqlearn.rollup."""
from fuzz_baselines import fixed
from seqlearn import rollup

_WL = rollup.Workload(arrival=[0.1, 0.2, 5.0], fee=[1.0, 2.0, 0.5])
_RES = rollup.simulate(_WL, rollup.RollupConfig())

RESULT = "a result type: built by the model, not from user input"
SKIP = {"SimulationResult": RESULT}

BASELINES = {
    "Transaction": dict(arrival=1.5, fee=0.02, size=180, express=False),
    "Workload": dict(arrival=[0.0, 0.1], fee=[0.5, 2.0], size=[100, 300],
                     express=[False, True]),
    "Workload.from_transactions": dict(txs=[rollup.Transaction(0.0, 1.0),
                                            rollup.Transaction(0.2, 3.0)]),
    "poisson_workload": dict(rate=2.0, duration=30.0, seed=1, fee_median=0.01,
                             fee_sigma=1.0, size=200, express_share=0.1),
    "RollupConfig": dict(policy="fcfs", l2_block_time=0.25, max_txs_per_block=50,
                         batch_interval=60.0, escape_after=600.0, outage=(10.0, 100.0)),
    "RollupConfig.replace": dict(policy="priority_fee", batch_interval=30.0),
    "RollupConfig.arbitrum_like": dict(batch_interval=30.0),
    "RollupConfig.op_like": dict(batch_interval=30.0),
    "SimulationResult.describe": dict(self=fixed(_RES, "a simulation result")),
    "simulate": dict(workload=_WL, config=rollup.RollupConfig(outage=(0.0, 3.0))),
    "batch_data_cost_eth": dict(n_bytes=[1, 131_072], config=rollup.RollupConfig()),
}
