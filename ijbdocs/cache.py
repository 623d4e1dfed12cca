"""The build cache: outputs kept under build/cache/, found again by a hash of their inputs.

A renderer asks for an output by a key: a SHA-256 of everything the output is made from
(the content it shows, the templates, the Word reference document, and ijbdocs itself with
the libraries that write the files). Equal key, equal output; so an unchanged paper is
copied from the cache instead of being written again, and a changed input (a template, a
paper, a newer ijbdocs) gives a new key and a fresh output. Nothing is ever looked up by
name or date, so the cache cannot serve a stale file.

Each entry starts with the SHA-256 of its own bytes (a kept site folder has a manifest of
them); an entry that was damaged (a full disk, a hand edit) fails that check and is
written again. A kept site folder shares its files with site/ as hard links: outputs are
replaced, never edited, and an edit made by hand fails the check. Entries are written atomically,
and entries a build did not use are removed after it succeeds, so the cache holds about
one build's outputs. Deleting build/cache/ is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import ijbdocs

from .write import link_tree, write_bytes

# Libraries whose versions change what the outputs look like.
_LIBRARIES = ("python-docx", "lxml", "jinja2", "markdown", "nh3", "pydantic", "pyyaml",
              "openpyxl", "mkdocs", "mkdocs-material", "pymdown-extensions")
_SCHEMA = "ijbdocs-cache-1"


def digest(value: Any) -> str:
    """A stable SHA-256 of JSON-like data (dict keys sorted; dates and paths as text)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str,
                      separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def files_digest(folders: Iterable[Path], *, skip: tuple[str, ...] = ()) -> str:
    """A SHA-256 of every file below `folders`: relative paths and bytes."""
    hasher = hashlib.sha256()
    for number, folder in enumerate(folders):
        # the folder's number, not its path: a project moved elsewhere keeps its cache
        hasher.update(f"\0folder {number}\0".encode())
        if folder.is_file():
            hasher.update(folder.read_bytes())
            continue
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or any(part in skip for part in path.parts):
                continue
            hasher.update(f"\0{path.relative_to(folder).as_posix()}\0".encode())
            hasher.update(path.read_bytes())
    return hasher.hexdigest()


@cache
def software_digest() -> str:
    """ijbdocs's own files (code, default templates, reference data) and library versions."""
    versions = {}
    for name in _LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    package = Path(ijbdocs.__file__).parent
    code = files_digest([package], skip=("__pycache__",))
    return digest({"schema": _SCHEMA, "version": ijbdocs.__version__, "code": code,
                   "libraries": versions})


class Cache:
    """One kind of output (`build/cache/<kind>/`): files by key, checked on the way out.

    Entries are the outputs' own bytes, so a hit is a hard link into the build rather than
    a copy; `index.json` holds the SHA-256 each entry had when it was stored, and an entry
    that no longer matches it (damaged, or edited in place through a link) is a miss.
    """

    INDEX = "index.json"

    def __init__(self, folder: Path, *, enabled: bool = True):
        self.folder = folder
        self.enabled = enabled
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0
        self.index: dict[str, str] = {}
        if enabled:
            try:
                index = json.loads((folder / self.INDEX).read_text(encoding="utf-8"))
                if isinstance(index, dict):
                    self.index = {k: v for k, v in index.items() if isinstance(v, str)}
            except (OSError, ValueError):
                pass

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> bytes | None:
        """The output stored under `key`, or None (absent, damaged, or caching is off)."""
        self.used.add(key)
        expected = self.index.get(key) if self.enabled else None
        data: bytes | None = None
        if expected is not None:
            try:
                data = self._path(key).read_bytes()
            except OSError:
                data = None
            if data is not None and hashlib.sha256(data).hexdigest() != expected:
                data = None
        if data is None:
            self.misses += 1
        else:
            self.hits += 1
        return data

    def place(self, key: str, target: Path) -> bool:
        """Put the output stored under `key` at `target`; False if there is none to use."""
        if self.get(key) is None:
            return False
        _link_or_copy(self._path(key), target)
        return True

    def put(self, key: str, data: bytes, target: Path | None = None) -> None:
        """Keep `data` under `key` (and put it at `target`, if given)."""
        self.used.add(key)
        if not self.enabled:
            if target is not None:
                write_bytes(target, data)
            return
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.index[key] = hashlib.sha256(data).hexdigest()
        if target is not None:
            _link_or_copy(path, target)

    def prune(self) -> None:
        """Keep only the entries this build used (and drop any left half-written)."""
        if not self.enabled or not self.folder.is_dir():
            return
        for shard in self.folder.iterdir():
            if not shard.is_dir():
                if shard.name != self.INDEX:
                    shard.unlink(missing_ok=True)
                continue
            for entry in shard.iterdir():
                if entry.name not in self.used or entry.name not in self.index:
                    entry.unlink(missing_ok=True)
            if not any(shard.iterdir()):
                shard.rmdir()
        self.index = {k: v for k, v in self.index.items() if k in self.used}
        temporary = self.folder / f".part-{self.INDEX}"
        temporary.write_text(json.dumps(self.index, sort_keys=True), encoding="utf-8")
        os.replace(temporary, self.folder / self.INDEX)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        _link_or_copy(source, target)
    except FileExistsError:
        target.unlink()
        _link_or_copy(source, target)
    except OSError:  # no hard links here (another file system): copy
        write_bytes(target, source.read_bytes())


class FolderCache:
    """A whole folder of output (the site engine's) kept under one key."""

    MANIFEST = ".ijbdocs-manifest.json"

    def __init__(self, folder: Path, *, enabled: bool = True):
        self.folder = folder
        self.enabled = enabled

    def restore(self, key: str, target: Path) -> bool:
        """Copy the folder stored under `key` to `target` if it is there and undamaged."""
        if not self.enabled:
            return False
        source = self.folder / key
        try:
            manifest = json.loads((source / self.MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        found = {path.relative_to(source).as_posix() for path in source.rglob("*")
                 if path.is_file() and path.name != self.MANIFEST}
        if not isinstance(manifest, dict) or set(manifest) != found:
            return False
        for name, expected in manifest.items():
            if hashlib.sha256((source / name).read_bytes()).hexdigest() != expected:
                return False
        if target.exists():
            shutil.rmtree(target)
        link_tree(source, target)  # checked above; a later edit in place fails the next check
        (target / self.MANIFEST).unlink()
        return True

    def store(self, key: str, source: Path) -> None:
        """Keep a copy of `source` under `key`, replacing whatever was kept before."""
        if not self.enabled:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(dir=self.folder, prefix=".part-"))
        try:
            link_tree(source, temporary)
            manifest = {path.relative_to(temporary).as_posix():
                        hashlib.sha256(path.read_bytes()).hexdigest()
                        for path in sorted(temporary.rglob("*")) if path.is_file()}
            (temporary / self.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
            for old in self.folder.iterdir():
                if old != temporary:
                    shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink()
            os.rename(temporary, self.folder / key)
        except BaseException:
            shutil.rmtree(temporary, ignore_errors=True)
            raise


class BuildRecord:
    """build/cache/last-build.json: the inputs key of the last build and what it left behind.

    When a build's inputs (content, templates, mkdocs.yml, the as-of date, the software)
    hash to the recorded key and every output is still the file that build wrote (same
    size, modification time and inode, as git's index checks a work tree), there is
    nothing to do. Anything else, including outputs edited or deleted by hand, means an
    ordinary build.
    """

    def __init__(self, path: Path, outputs: dict[str, Path]):
        self.path = path
        self.outputs = outputs

    def state(self) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for name, folder in self.outputs.items():
            for here, _, files in os.walk(folder):
                info = os.lstat(here)  # folders too: a deleted empty folder is a change
                found[f"{name}/{Path(here).relative_to(folder).as_posix()}/"] = [
                    -1, 0, info.st_ino]
                for file in files:
                    path = Path(here) / file
                    info = path.lstat()
                    found[f"{name}/{path.relative_to(folder).as_posix()}"] = [
                        info.st_size, info.st_mtime_ns, info.st_ino]
        return found

    def matches(self, key: str) -> bool:
        try:
            record = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        if not isinstance(record, dict) or record.get("key") != key:
            return False
        return bool(record.get("outputs")) and record.get("outputs") == self.state()

    def save(self, key: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".part-{self.path.name}")
        temporary.write_text(json.dumps({"key": key, "outputs": self.state()}),
                             encoding="utf-8")
        os.replace(temporary, self.path)

    def forget(self) -> None:
        self.path.unlink(missing_ok=True)
