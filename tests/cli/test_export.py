"""`export package` / `export verify` on the demo data, in a fresh process as the clerk would run them."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.cli.test_cli import run_main


@pytest.mark.slow
def test_demo_package_verifies_and_one_altered_byte_is_named(tmp_path: Path) -> None:
    data = tmp_path / "数据"
    assert run_main("--data-dir", str(data), "demo").returncode == 0
    out = tmp_path / "上报" / "赵巷镇.zip"
    built = run_main("--data-dir", str(data), "export", "package", "--out", str(out), "--json")
    assert built.returncode == 0, built.stderr
    result = json.loads(built.stdout)
    assert result["items"] >= 1 and Path(result["file"]) == out

    verified = run_main("--data-dir", str(data), "export", "verify", str(out), "--json")
    assert verified.returncode == 0, verified.stdout
    assert json.loads(verified.stdout)["ok"] is True

    with zipfile.ZipFile(out) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
    target = next(name for name in entries if name.startswith("files/"))
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(tampered, "w") as archive:
        for name, body in entries.items():
            archive.writestr(name, body[:-1] + bytes([body[-1] ^ 1]) if name == target else body)
    bad = run_main("--data-dir", str(data), "export", "verify", str(tampered))
    assert bad.returncode == 1
    assert target in bad.stderr and "SHA-256" in bad.stderr

    again = run_main("--data-dir", str(data), "export", "package", "--out", str(out), "--since", "last")
    assert again.returncode == 2 and "没有新增或修改" in again.stderr
    missing = run_main("--data-dir", str(data), "export", "verify", str(tmp_path / "无.zip"))
    assert missing.returncode == 2 and "找不到" in missing.stderr
    wrong_date = run_main(
        "--data-dir", str(data), "export", "package", "--out", str(out), "--since", "2025-02-30"
    )
    assert wrong_date.returncode == 2 and "2025-01-24" in wrong_date.stderr


@pytest.mark.slow
def test_auto_backup_run_list_restore(tmp_path: Path) -> None:
    data = tmp_path / "数据"
    assert run_main("--data-dir", str(data), "demo").returncode == 0
    made = run_main("--data-dir", str(data), "auto-backup", "run")
    assert made.returncode == 0, made.stderr
    generation = json.loads(made.stdout)
    assert "附件" in generation["summary"]
    listed = json.loads(run_main("--data-dir", str(data), "auto-backup", "list").stdout)
    assert [g["id"] for g in listed] == [generation["id"]]
    restored = run_main("--data-dir", str(data), "auto-backup", "restore", generation["id"])
    assert restored.returncode == 0, restored.stderr
    assert json.loads(restored.stdout)["restored"] == generation["id"]
    assert run_main("--data-dir", str(data), "check").returncode == 0
    unknown = run_main("--data-dir", str(data), "auto-backup", "restore", "19990101-000000")
    assert unknown.returncode == 2 and "auto-backup list" in unknown.stderr
