"""Entry point: ``python3 -m chaingraph_spark COMMAND …`` and ``spark-submit -m``-style runs."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
