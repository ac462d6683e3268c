"""The frozen self-check for issue 22: OCR models from the bundle, an OFD, a 案卷 (diagnostics_scans)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.ui import diagnostics, diagnostics_scans


def test_each_paper_check_passes_in_the_source_tree() -> None:
    assert diagnostics_scans.ofd_reads_text()
    assert diagnostics_scans.casefile_pages_join()
    assert diagnostics_scans.ocr_reads_rendered_text()


def test_a_bundle_without_the_ocr_models_is_named_a_problem(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "ch_PP-OCRv4_det_infer.onnx").write_bytes(b"")  # the recogniser's model is missing
    monkeypatch.setattr(diagnostics_scans, "ocr_models_folder", lambda: tmp_path)
    passed, problems = diagnostics.check_libraries()
    assert "ocr" not in passed
    assert any(p.startswith("ocr: FileNotFoundError") for p in problems), problems


def test_a_build_without_the_ocr_component_skips_the_check_calmly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(diagnostics_scans, "ocr_models_folder", lambda: None)
    passed, problems = diagnostics.check_libraries()
    assert passed == ("docx", "xlsx", "pdf", "calendar", "postgres", "ofd", "casefile")
    assert problems == ()
