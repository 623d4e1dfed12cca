"""`python -m ijbdocs` is the `ijbdocs` command."""

import sys

from .cli import main

sys.exit(main())
