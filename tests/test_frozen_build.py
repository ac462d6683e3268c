"""Freeze the app with installer/zwgk.spec (the spec the Windows build uses) and run the frozen binary.

Windows cannot run here, so this is the proof that the spec misses nothing: the frozen program migrates a
new data folder, writes demo data (.docx through python-docx's bundled templates), checks it, and shows
every page, reporting which bundled resources it found at run time.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app import __version__
from app.models.migrate import HEAD_REVISION

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "zwgk.spec"
FREEZE_TIMEOUT_S = 1800  # about 1 min of CPU; a busy 2-core CI machine can take several
RUN_TIMEOUT_S = 300
MAX_FOLDER_MB = 250  # issue 13: the frozen folder stays under 250 MB
MB = 1024 * 1024
UNUSED_QT = re.compile(r"WebEngine|Qt6?3D|Multimedia|Qt6(Quick|Qml)")
NO_PYINSTALLER = 'PyInstaller is not installed (it is in the test extra: python -m pip install -e ".[test]")'

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class FrozenBuild:
    exe: Path
    bundle: Path  # the _internal folder (sys._MEIPASS)
    workpath: Path
    seconds: float


def _source_files(folder: Path) -> list[Path]:
    return sorted(
        p.relative_to(folder)
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    )


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FrozenBuild]:
    pytest.importorskip("PyInstaller", reason=NO_PYINSTALLER)
    out = tmp_path_factory.mktemp("frozen")
    started = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(out / "dist"),
            "--workpath",
            str(out / "work"),
            str(SPEC),
        ],  # fmt: skip
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=FREEZE_TIMEOUT_S,
    )
    seconds = time.perf_counter() - started
    assert result.returncode == 0, result.stderr[-4000:]
    exe = out / "dist" / "zwgk" / ("zwgk.exe" if sys.platform == "win32" else "zwgk")
    print(f"\nfreeze: {seconds:.0f} s")
    yield FrozenBuild(exe, exe.parent / "_internal", out / "work" / "zwgk", seconds)


def run_frozen(build: FrozenBuild, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    started = time.perf_counter()
    result = subprocess.run(
        [str(build.exe), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=RUN_TIMEOUT_S,
        cwd=build.exe.parent.parent,  # not the source tree: nothing may be found relative to it
        env=env,
    )
    return result, time.perf_counter() - started


def test_bundle_holds_every_resource_migration_and_only_chinese_qt_catalogues(frozen: FrozenBuild) -> None:
    for source, dest in (
        (ROOT / "resources", frozen.bundle / "resources"),
        (ROOT / "app" / "models" / "migrations", frozen.bundle / "app" / "models" / "migrations"),
    ):
        missing = [str(rel) for rel in _source_files(source) if not (dest / rel).is_file()]
        assert not missing, f"not in the frozen bundle: {missing}"
    translations = sorted(p.name for p in (frozen.bundle / "PySide6").rglob("*.qm"))
    assert translations == ["qt_zh_CN.qm", "qtbase_zh_CN.qm", "qtmultimedia_zh_CN.qm"]
    unused = [p.name for p in frozen.bundle.rglob("*") if UNUSED_QT.search(p.name)]
    assert not unused, f"excluded Qt modules were bundled: {unused[:5]}"
    size_mb = _folder_bytes(frozen.exe.parent) / MB
    print(f"\nfrozen folder (Linux, stripped): {size_mb:.0f} MB")
    assert size_mb < MAX_FOLDER_MB


def test_frozen_app_migrates_seeds_checks_and_shows_every_page(frozen: FrozenBuild, tmp_path: Path) -> None:
    data = tmp_path / "测试数据" / "张三"

    demo, demo_s = run_frozen(frozen, "--data-dir", str(data), "demo")
    assert demo.returncode == 0, demo.stderr
    assert json.loads(demo.stdout)["attachments"] >= 3  # demo letters are .docx made by python-docx

    check, check_s = run_frozen(frozen, "--data-dir", str(data), "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert json.loads(check.stdout)["ok"] is True

    shots = tmp_path / "截图"
    smoke, smoke_s = run_frozen(frozen, "--data-dir", str(data), "--smoke-test", "--screenshots", str(shots))
    assert smoke.returncode == 0, smoke.stderr
    assert "smoke test OK" in smoke.stdout
    report = next(line for line in smoke.stdout.splitlines() if line.startswith("resources:"))
    fields = dict(re.findall(r"(\w+)=(\S+)", report.split(" root=")[0]))
    templates = ROOT / "resources" / "templates"
    assert fields == {
        "frozen": "yes",
        "migrations": str(len(list((ROOT / "app/models/migrations/versions").glob("*.py")))),
        "head": HEAD_REVISION,
        "font": "ok",
        "stylesheet": "ok",
        "icons": str(len(list((ROOT / "resources" / "icons").glob("*.svg")))),
        "templates": str(len(_source_files(templates)) if templates.is_dir() else 0),
        "qt_zh_CN": "取消",  # Qt's own buttons are in Chinese
        "libraries": "docx,xlsx,pdf,calendar,postgres",
        "problems": "0",
    }, report
    assert Path(report.split(" root=")[1]) == frozen.bundle / "resources"
    assert (shots / "01-dashboard.png").stat().st_size > 5_000
    print(f"\nfrozen demo {demo_s:.1f} s, check {check_s:.1f} s, smoke test {smoke_s:.1f} s")


def test_version_resource_is_filled_from_app_version(frozen: FrozenBuild) -> None:
    text = (frozen.workpath / "version_info.txt").read_text(encoding="utf-8")
    assert "@" not in text
    ast.parse(text, mode="eval")  # PyInstaller evaluates it as one Python expression
    assert f"StringStruct('ProductVersion', '{__version__}')" in text
    numbers = ", ".join([*re.findall(r"\d+", __version__), "0", "0", "0"][:4])
    assert f"filevers=({numbers})" in text
