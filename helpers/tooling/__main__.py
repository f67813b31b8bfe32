"""``python -m helpers.tooling execute|html|present``: the commands behind the Makefile."""

import sys

from helpers.tooling.build import main

sys.exit(main())
