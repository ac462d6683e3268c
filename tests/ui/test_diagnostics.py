"""The resource report `--smoke-test` prints: complete in the source tree, and it names what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.models.migrate import HEAD_REVISION
from app.ui import diagnostics


def test_source_tree_has_every_resource_and_working_libraries() -> None:
    report = diagnostics.resource_report(libraries=True)
    assert report.problems == ()
    assert report.frozen is False
    assert report.migration_head == HEAD_REVISION
    assert report.migration_revisions == int(HEAD_REVISION)  # revisions are numbered 0001, 0002, …
    assert report.libraries == ("docx", "xlsx", "pdf", "calendar", "postgres", "ofd", "casefile", "ocr")
    assert "problems=0" in report.summary() and "font=ok" in report.summary()


def test_missing_resources_are_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(diagnostics, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    monkeypatch.setattr(diagnostics, "bundled_font_path", lambda: tmp_path / "fonts" / "none.ttc")
    report = diagnostics.resource_report(libraries=False)
    assert {"font missing", "style.qss missing", "no icons"} <= set(report.problems)
    assert "font=MISSING" in report.summary() and f"problems={len(report.problems)}" in report.summary()
