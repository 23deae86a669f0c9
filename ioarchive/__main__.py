"""``python -m ioarchive``: the command line."""

import sys

from ioarchive.cli import main

sys.exit(main())
