"""Shared fixtures: a fresh project from the factories, and the fixed as-of date."""

from __future__ import annotations

import pytest
from factories import AS_OF, Project


@pytest.fixture
def project() -> Project:
    """A minimal valid project (no findings as of AS_OF) to change one thing in."""
    return Project()


@pytest.fixture
def as_of() -> str:
    return AS_OF.isoformat()
