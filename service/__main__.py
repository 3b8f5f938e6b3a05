"""``python -m service`` runs the ``conflict-ie`` command line."""

import sys

from service.cli import main

sys.exit(main())
