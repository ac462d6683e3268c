"""Issue 19 follow-up: `export package --mask` masks the personal data in what leaves; `--no-mask` leaves
such items out with the reason; neither flag follows the office's setting (上报导出时遮盖个人信息)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from app.cli import main
from app.paths import DataPaths
from app.services.context import open_data_folder
from tests.conftest import TEST_OFFICE
from tests.services.personal_data_support import published_document

LEAK = "关于张三（身份证号310101199001011234）低保待遇的公示"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "数据"
    ctx = open_data_folder(DataPaths(data))
    try:
        admin = ctx.accounts.create_first_admin("admin", "王管理", "admin-pass-1")
        ctx.settings.save_office(admin, TEST_OFFICE)
        published_document(ctx, tmp_path, 1, title=LEAK)
        published_document(ctx, tmp_path, 2)
    finally:
        ctx.close()
    return data


def _package(capsys: pytest.CaptureFixture[str], folder: Path, out: Path, *flags: str) -> dict[str, object]:
    assert main(["--data-dir", str(folder), "export", "package", "--out", str(out), *flags, "--json"]) == 0
    result: dict[str, object] = json.loads(capsys.readouterr().out)
    return result


def test_mask_and_no_mask(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    masked = _package(capsys, folder, tmp_path / "遮盖.zip", "--mask")
    assert masked["items"] == 2 and masked["left_out"] == [] and masked["mask_personal_data"] is True
    with zipfile.ZipFile(tmp_path / "遮盖.zip") as archive:
        manifest = archive.read("manifest.json").decode("utf-8")
    assert "310101199001011234" not in manifest and "3101**********1234" in manifest

    refused = _package(capsys, folder, tmp_path / "不遮盖.zip", "--no-mask")
    assert refused["items"] == 1 and refused["mask_personal_data"] is False
    (left,) = refused["left_out"]  # type: ignore[misc]
    assert "身份证号" in left["reason"]
    with zipfile.ZipFile(tmp_path / "不遮盖.zip") as archive:
        assert "3101" not in archive.read("manifest.json").decode("utf-8")
