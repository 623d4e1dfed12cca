"""Atomic output: build everything in a staging folder, then swap it into place.

A failed or interrupted build never touches the previous `site/` or `build/` outputs; a
lock stops two builds of one project from mixing their outputs.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STAGE_PREFIX = ".ijbdocs-stage-"
_RENAME_EXCHANGE = 2


class BuildLocked(Exception):
    """Another build of the same project is running."""


@contextmanager
def build_lock(project_root: Path) -> Iterator[None]:
    lock_path = project_root / "build" / ".lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLocked(
                "another ijbdocs build of this folder is running; wait for it to finish "
                "and build again"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Stage:
    """A staging folder beside the outputs (same file system, so renames are atomic)."""

    def __init__(self, project_root: Path):
        self.project_root = project_root
        _remove_stale_stages(project_root)
        self.path = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=project_root))

    def folder(self, name: str) -> Path:
        path = self.path / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def commit(self, targets: dict[str, Path]) -> None:
        """Move each staged folder to its target, replacing what was there."""
        for name, target in targets.items():
            staged = self.path / name
            if staged.is_dir():
                replace_folder(staged, target)
        self.discard()

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def __enter__(self) -> Stage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()


def _remove_stale_stages(project_root: Path) -> None:
    for stale in project_root.glob(f"{STAGE_PREFIX}*"):
        shutil.rmtree(stale, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


def replace_folder(new: Path, target: Path) -> None:
    """Put `new` at `target` so that `target` is always either wholly old or wholly new."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        os.rename(new, target)
        return
    if _exchange(new, target):
        shutil.rmtree(new)  # `new` now holds the old output
        return
    old = target.with_name(f"{STAGE_PREFIX}old-{target.name}")
    shutil.rmtree(old, ignore_errors=True)
    os.rename(target, old)
    os.rename(new, target)
    shutil.rmtree(old, ignore_errors=True)


def write_text(path: Path, text: str) -> None:
    """Write a text file with Unix newlines (outputs must not depend on the platform)."""
    write_bytes(path, text.encode("utf-8"))  # Path.write_text(newline="\n") writes these bytes


def write_bytes(path: Path, data: bytes) -> None:
    """Write a file, making its folder only if it is missing (most of a build's files go
    into folders that already exist, and asking costs a system call each)."""
    try:
        path.write_bytes(data)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def link_tree(source: Path, target: Path) -> None:
    """Put every file below `source` at the same place below `target`, as hard links.

    For finished files that are never written to again (outputs are replaced, never edited
    in place): a link costs nothing however large the file. A file already at a target
    path is replaced, not written through. Where links are impossible (another file system,
    no support), files are copied.
    """
    for folder, _, names in os.walk(source):
        here = Path(folder)
        there = target / here.relative_to(source)
        there.mkdir(parents=True, exist_ok=True)
        for name in names:
            destination = there / name
            if destination.exists() or destination.is_symlink():
                destination.unlink()
            try:
                os.link(here / name, destination)
            except OSError:
                shutil.copy2(here / name, destination)
