"""seqlearn: the models behind the textbook on layer-2 rollup sequencers.

Modules
-------
params      protocol constants with sources and versions
rollup      a rollup's sequencing pipeline: mempool, ordering, batches, forced inclusion
staking     a sequencer collateral registry with exact accounting
exercises   self-checks for the exercises
plotting    the house figure style and the book's figures
widgets     live explorers for Jupyter
"""

from seqlearn import params

__all__ = ["params"]
__version__ = "0.1.0"
