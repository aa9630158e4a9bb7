"""``spark-submit`` entry point: ``spark-submit [spark options] spark/submit.py COMMAND …``.

spark-submit runs a Python file, not a module; this file runs ``chaingraph_spark``'s command
line (the same as ``python3 -m chaingraph_spark``) in the session spark-submit configured.
"""

import sys

from chaingraph_spark.cli import main

if __name__ == "__main__":
    sys.exit(main())
