"""Shared test helpers: where fixtures and the shared corpus live."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEEDS = FIXTURES / "seeds"
SHARED = ROOT.parent / "shared"
SHARED_CORPUS = SHARED / "corpus"
SEED_STEMS = sorted(p.stem for p in SEEDS.glob("*.txt") if not p.stem.endswith(".wrapped"))


def seed(stem: str, rendition: str = "txt") -> Path:
    return SEEDS / f"{stem}.{rendition}"


@pytest.fixture
def shared_corpus() -> Path:
    if not SHARED_CORPUS.is_dir():
        pytest.skip(
            "../shared/corpus is absent: the third-party corpus is read from there, never copied"
        )
    return SHARED_CORPUS


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL server for this test session (one per xdist worker), stopped at the end."""
    from tests.postgres_server import running_postgres

    with running_postgres() as server:
        yield server
