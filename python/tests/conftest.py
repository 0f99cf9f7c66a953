"""Shared test data: the repository's fixtures, read as Python strings."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures"


@pytest.fixture(scope="session")
def seed() -> str:
    """The motivating article (curly quotes before most findings)."""
    return (FIXTURES / "seed-article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def articles() -> list:
    """The fixture articles, each a document."""
    return [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
