"""The switch that rewrites golden files is off in CI and refused there."""

from __future__ import annotations

import os

import pytest

from tests.golden import REGEN_ENV, regenerating


def test_regeneration_is_off_in_ci() -> None:
    if os.environ.get("CI"):
        assert os.environ.get(REGEN_ENV) != "1", f"CI must not run with {REGEN_ENV}=1"


def test_regeneration_is_refused_when_ci_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv(REGEN_ENV, "1")
    with pytest.raises(RuntimeError, match="refused in CI"):
        regenerating()


def test_regeneration_is_off_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(REGEN_ENV, raising=False)
    assert not regenerating()
