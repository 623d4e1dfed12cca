"""ijbdocs: board papers, directions log and strategic plan site for Integration Joint Boards."""

__version__ = "0.1.0"
