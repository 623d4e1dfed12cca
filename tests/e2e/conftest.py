"""Fixtures the website tests share: the sample built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import run
from test_build import SAMPLE_AS_OF, copy_sample


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's sample, built as of SAMPLE_AS_OF with the default engine.

    Tests only read it: a build takes tens of seconds (Word, LibreOffice), so the site
    tests share one.
    """
    root = copy_sample(tmp_path_factory.mktemp("built-sample"))
    result = run(root, "build", "--as-of", SAMPLE_AS_OF)
    assert result.code == 0, result.out + result.err
    return root
