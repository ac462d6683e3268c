"""engine_installed() is true only when the OCR engine can run (issue 22): its models are on disk and its
compiled libraries load. A frozen build without the OCR add-on still finds the Python modules in its
archive, so the old find_spec check said "installed" and OCR then failed half-way through a scan."""

from __future__ import annotations

import importlib
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from app import __version__
from app.paths import DataPaths
from app.services.scans import engine
from tests.cli.test_office import run

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def fresh_answer() -> Iterator[None]:
    engine.engine_installed.cache_clear()
    yield
    engine.engine_installed.cache_clear()  # later tests see the real machine again


def real_package_folder() -> Path:
    folder = engine._package_folder()
    if folder is None or not engine.models_present(folder):
        pytest.skip("the OCR component is not installed here")
    return folder


def package_copy(tmp_path: Path, keep_models: bool) -> Path:
    """The engine's data as an installer lays it out: config.yaml beside models/*.onnx (models optional)."""
    source = real_package_folder()
    folder = tmp_path / engine.ENGINE_PACKAGE
    (folder / "models").mkdir(parents=True)
    shutil.copy(source / "config.yaml", folder / "config.yaml")
    if keep_models:
        for model in (source / "models").glob("*.onnx"):
            (folder / "models" / model.name).write_bytes(b"stand-in")  # presence is what is checked
    return folder


def test_installed_when_models_are_there_and_the_libraries_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = package_copy(tmp_path, keep_models=True)
    monkeypatch.setattr(engine, "_package_folder", lambda: folder)
    assert engine.engine_installed() is True


def test_models_missing_means_not_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = package_copy(tmp_path, keep_models=False)
    monkeypatch.setattr(engine, "_package_folder", lambda: folder)
    assert engine.engine_installed() is False


def test_one_model_missing_means_not_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = package_copy(tmp_path, keep_models=True)
    next((folder / "models").glob("*rec*.onnx")).unlink()
    monkeypatch.setattr(engine, "_package_folder", lambda: folder)
    assert engine.engine_installed() is False


def test_no_package_folder_at_all_means_not_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_package_folder", lambda: None)
    assert engine.engine_installed() is False


def test_opencv_that_does_not_import_means_not_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    real_package_folder()
    monkeypatch.setitem(sys.modules, "cv2", None)  # `import cv2` now raises ImportError, as without cv2
    assert engine.engine_installed() is False


def test_onnxruntime_whose_dll_fails_to_load_means_not_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    real_package_folder()
    real_import = importlib.import_module

    def import_module(name: str, package: str | None = None) -> object:
        if name == "onnxruntime":  # Windows: the .pyd is there but a DLL it needs is not
            raise OSError("DLL load failed while importing onnxruntime_pybind11_state")
        return real_import(name, package)

    monkeypatch.setattr(importlib, "import_module", import_module)
    assert engine.engine_installed() is False


def test_the_answer_is_worked_out_once_a_process(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []

    def folder() -> None:
        asked.append(1)

    monkeypatch.setattr(engine, "_package_folder", folder)
    assert engine.engine_installed() is False
    assert engine.engine_installed() is False
    assert asked == [1]


def test_start_up_does_not_load_the_engine_libraries() -> None:
    """OpenCV and onnxruntime take about a second to import: only a scan may pay for them."""
    code = (
        "import sys, app.cli, app.ui.pages.documents_page, app.services.scans.engine; "
        "print(sorted({'cv2', 'onnxruntime', 'rapidocr_onnxruntime'} & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == "[]"


def test_command_line_scan_without_the_engine_refuses_in_chinese_naming_the_add_on(
    capsys: pytest.CaptureFixture[str], data_paths: DataPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "_package_folder", lambda: None)
    monkeypatch.setattr(engine, "_engine", None)  # an engine loaded by an earlier test in this process
    scan = tmp_path / "扫描件.png"
    Image.new("RGB", (200, 100), "white").save(scan)
    code, out, err = run(capsys, data_paths, "document", "from-file", str(scan), "--json")
    assert code != 0 and out == ""
    assert "本机没有安装文字识别（OCR）组件" in err
    assert engine.OCR_ADDON in err and engine.OCR_ADDON.startswith("ZwgkWorkbench-OCR-")
    assert "Traceback" not in err


def _iss(name: str) -> str:
    return (ROOT / "installer" / name).read_text(encoding="utf-8-sig")


def test_the_main_installer_leaves_out_exactly_what_the_ocr_add_on_installs() -> None:
    """What engine_installed() looks for is in the add-on, and nothing the add-on brings is also in the
    main installer (twice the size) or missing from both (OCR that never works)."""
    excludes = re.search(r'#define OcrExcludes "([^"]+)"', _iss("zwgk.iss"))
    assert excludes is not None
    left_out = {item.removeprefix("\\_internal\\") for item in excludes.group(1).split(",")}
    add_on = _iss("zwgk_ocr.iss")
    installed = set(re.findall(r'DestDir: "\{#Internal\}\\([^"]+)"', add_on))
    replaced = set(re.findall(r'Name: "\{#Internal\}\\([^"]+)"', add_on))
    assert left_out == installed == replaced
    assert {engine.ENGINE_PACKAGE, "cv2", "onnxruntime"} <= installed
    assert "numpy" not in installed  # openpyxl imports it too: .xlsx export needs it in the main installer
    script = (ROOT / "installer" / "build.ps1").read_text("ascii")
    add_on_regex = re.search(r'\$AddonFolders = "([^"]+)"', script)
    assert add_on_regex is not None and all(re.match(add_on_regex.group(1), name) for name in installed)
    assert "OutputBaseFilename=ZwgkWorkbench-OCR-{#AppVersion}" in add_on
    assert engine.OCR_ADDON == f"ZwgkWorkbench-OCR-{__version__}.exe"
