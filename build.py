"""`python build.py [options]` is `ijbdocs build [options]` for this repository's content."""

import sys

from ijbdocs.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]]))
