"""The build cache: bytes found again by key, damaged entries never served, unused ones pruned."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ijbdocs
from ijbdocs import cache
from ijbdocs.cache import Cache, FolderCache, digest, files_digest

KEY = "ab" + "0" * 62


def test_put_then_get_gives_the_same_bytes(tmp_path: Path) -> None:
    store = Cache(tmp_path / "word")
    assert store.get(KEY) is None
    store.put(KEY, b"a Word file")
    assert store.get(KEY) == b"a Word file"
    store.prune()  # the end of a build: the index is saved
    assert Cache(tmp_path / "word").get(KEY) == b"a Word file"
    assert not list((tmp_path / "word").rglob(".part-*"))  # written atomically


def test_a_hit_is_a_link_to_the_kept_file_not_a_copy(tmp_path: Path) -> None:
    store = Cache(tmp_path / "word")
    store.put(KEY, b"a Word file", tmp_path / "stage" / "papers" / "a.docx")
    store.prune()
    again = Cache(tmp_path / "word")
    target = tmp_path / "stage2" / "b.docx"
    assert again.place(KEY, target)
    assert target.read_bytes() == b"a Word file"
    assert target.stat().st_ino == (tmp_path / "word" / KEY[:2] / KEY).stat().st_ino
    assert not again.place("ff" + "0" * 62, tmp_path / "stage2" / "c.docx")
    assert not (tmp_path / "stage2" / "c.docx").exists()


def test_an_output_edited_in_place_is_no_longer_served(tmp_path: Path) -> None:
    store = Cache(tmp_path / "word")
    output = tmp_path / "site" / "a.docx"
    store.put(KEY, b"a Word file", output)
    store.prune()
    output.write_bytes(b"edited by hand")  # through the link, into the kept file
    assert Cache(tmp_path / "word").get(KEY) is None


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(min_size=1, max_size=2000), where=st.integers(min_value=0),
       flip=st.integers(min_value=1, max_value=255))
def test_any_damaged_entry_is_never_served(tmp_path: Path, data: bytes, where: int,
                                           flip: int) -> None:
    store = Cache(tmp_path / "damaged")
    store.put(KEY, data)
    store.prune()
    path = tmp_path / "damaged" / KEY[:2] / KEY
    raw = bytearray(path.read_bytes())
    raw[where % len(raw)] ^= flip
    path.write_bytes(bytes(raw))
    assert Cache(tmp_path / "damaged").get(KEY) is None
    path.write_bytes(bytes(raw)[: len(raw) // 2])  # and truncated
    assert Cache(tmp_path / "damaged").get(KEY) is None


def test_prune_keeps_only_what_this_build_used(tmp_path: Path) -> None:
    first = Cache(tmp_path / "word")
    keys = [f"{n:02x}" + "1" * 62 for n in range(4)]
    for key in keys:
        first.put(key, key.encode())
    first.prune()
    second = Cache(tmp_path / "word")
    assert second.get(keys[0]) == keys[0].encode()
    second.put(keys[1], b"new")
    second.prune()
    third = Cache(tmp_path / "word")
    assert third.get(keys[0]) == keys[0].encode()
    assert third.get(keys[1]) == b"new"
    assert third.get(keys[2]) is None and third.get(keys[3]) is None
    assert len([p for p in (tmp_path / "word").rglob("*") if p.is_file()
                and p.name != "index.json"]) == 2


def test_a_disabled_cache_reads_and_writes_nothing(tmp_path: Path) -> None:
    on = Cache(tmp_path / "word")
    on.put(KEY, b"x")
    on.prune()
    off = Cache(tmp_path / "word", enabled=False)
    assert off.get(KEY) is None
    off.put("cd" + "2" * 62, b"y")
    off.prune()
    assert Cache(tmp_path / "word").get(KEY) == b"x"
    assert Cache(tmp_path / "word").get("cd" + "2" * 62) is None


@given(st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5), max_size=6))
def test_digest_ignores_key_order_but_not_values(value: dict[str, object]) -> None:
    reordered = dict(reversed(list(value.items())))
    assert digest(value) == digest(reordered)
    assert digest(value) != digest({**value, "\0extra": 1})


def test_digest_of_dates_and_paths_is_stable() -> None:
    assert digest({"day": dt.date(2026, 1, 1)}) == digest({"day": "2026-01-01"})


def test_files_digest_sees_names_and_bytes_not_where_the_folder_is(tmp_path: Path) -> None:
    for root in ("a", "b"):
        (tmp_path / root / "word").mkdir(parents=True)
        (tmp_path / root / "word" / "report.yaml").write_text("heading: Purpose\n")
    same = files_digest([tmp_path / "a"]), files_digest([tmp_path / "b"])
    assert same[0] == same[1]  # a project moved elsewhere keeps its cache
    (tmp_path / "b" / "word" / "report.yaml").write_text("heading: Aim\n")
    assert files_digest([tmp_path / "b"]) != same[0]
    (tmp_path / "a" / "word" / "report.yaml").rename(tmp_path / "a" / "word" / "r.yaml")
    assert files_digest([tmp_path / "a"]) != same[0]
    assert files_digest([tmp_path / "missing"]) == files_digest([tmp_path / "gone"])


def test_software_digest_changes_with_the_ijbdocs_version(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    cache.software_digest.cache_clear()
    before = cache.software_digest()
    monkeypatch.setattr(ijbdocs, "__version__", "99.0.0")
    cache.software_digest.cache_clear()
    try:
        assert cache.software_digest() != before
    finally:
        monkeypatch.undo()
        cache.software_digest.cache_clear()
    assert cache.software_digest() == before


def site_folder(root: Path) -> Path:
    (root / "search").mkdir(parents=True)
    (root / "index.html").write_text("<h1>Home</h1>")
    (root / "search" / "search_index.json").write_text("{}")
    return root


def test_folder_cache_restores_an_exact_copy(tmp_path: Path) -> None:
    store = FolderCache(tmp_path / "cache")
    store.store("k1", site_folder(tmp_path / "built"))
    assert store.restore("k1", tmp_path / "out")
    assert sorted(p.relative_to(tmp_path / "out").as_posix()
                  for p in (tmp_path / "out").rglob("*")) == [
        "index.html", "search", "search/search_index.json"]
    assert not store.restore("other", tmp_path / "out2")
    store.store("k2", tmp_path / "built")  # replaces k1: one site is kept
    assert not store.restore("k1", tmp_path / "out3")
    assert store.restore("k2", tmp_path / "out3")


@pytest.mark.parametrize("damage", ["edit", "extra", "missing"])
def test_folder_cache_refuses_a_damaged_copy(tmp_path: Path, damage: str) -> None:
    store = FolderCache(tmp_path / "cache")
    store.store("k", site_folder(tmp_path / "built"))
    kept = tmp_path / "cache" / "k"
    if damage == "edit":
        (kept / "index.html").write_text("<h1>Tampered</h1>")
    elif damage == "extra":
        (kept / "extra.html").write_text("x")
    else:
        (kept / "search" / "search_index.json").unlink()
    assert not store.restore("k", tmp_path / "out")
    assert not (tmp_path / "out").exists()
