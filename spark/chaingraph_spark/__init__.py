"""ChainGraph on Spark (SPEC §8): ``local-rate``, ``gaps``, ``leaders`` and PageRank with the
CLI's definitions, columns and number forms, for datasets that outgrow one machine.

Run ``python3 -m chaingraph_spark COMMAND --dataset DIR [options] --output DIR``; see
``spark/README.md`` for cluster runs with ``spark-submit``.
"""

__version__ = "0.2.0"
