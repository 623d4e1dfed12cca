"""The subcommands of `ijbdocs`, one module each.

A command module has HELP (one line), `arguments(parser)` to add its options, and
`run(args, project) -> int` returning the exit code. A command that works without a
project folder (such as `init`) sets NEEDS_PROJECT = False and gets None. Register each
command in COMMANDS below.
"""

from __future__ import annotations

from types import ModuleType

from . import build, check, decide, import_log, init, issue, log, log_review, new, pictures, serve

COMMANDS: dict[str, ModuleType] = {
    "check": check,
    "build": build,
    "init": init,
    "new": new,
    "decide": decide,
    "issue": issue,
    "serve": serve,
    "log": log,
    "log-review": log_review,
    "import-log": import_log,
    "pictures": pictures,
}
