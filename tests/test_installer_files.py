"""The Windows installer files agree with the app (data folder, version, icon) and with Windows tools."""

from __future__ import annotations

import re
from pathlib import Path

import platformdirs
import pytest
from PIL import Image

from app import APP_AUTHOR, APP_ID
from app.paths import default_data_dir

INSTALLER = Path(__file__).resolve().parent.parent / "installer"
ISS = INSTALLER / "zwgk.iss"


def _iss_text() -> str:
    return ISS.read_bytes().decode("utf-8-sig")


def test_inno_script_has_a_bom_so_inno_reads_the_chinese_as_utf8() -> None:
    assert ISS.read_bytes().startswith(b"\xef\xbb\xbf")


def test_uninstall_offers_the_folder_the_app_keeps_its_data_in(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[object, ...]] = []

    def windows_user_data_dir(app: str, author: str, *, roaming: bool) -> str:
        asked.append((app, author, roaming))
        return f"C:\\Users\\张三\\AppData\\Local\\{author}\\{app}"  # platformdirs' layout on Windows

    monkeypatch.setattr(platformdirs, "user_data_dir", windows_user_data_dir)
    default_data_dir()
    assert asked == [(APP_ID, APP_AUTHOR, False)]  # %LOCALAPPDATA%, not the roaming profile
    folder = re.search(r'#define DataFolder "\{localappdata\}\\(.+)"', _iss_text())
    assert folder is not None
    assert folder.group(1) == f"{APP_AUTHOR}\\{APP_ID}"


def test_per_user_install_with_a_fixed_app_id_for_upgrades_in_place() -> None:
    text = _iss_text()
    assert "PrivilegesRequired=lowest" in text
    assert "PrivilegesRequiredOverridesAllowed=dialog" in text
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", text, re.MULTILINE)
    assert "AppVersion={#AppVersion}" in text  # passed by build.ps1 from app/__init__.py
    assert "Check.Checked := False;" in text  # deleting data is opt-in


def test_build_script_is_ascii_for_windows_powershell_5() -> None:
    (INSTALLER / "build.ps1").read_bytes().decode("ascii")


def test_icon_has_the_sizes_windows_asks_for() -> None:
    with Image.open(INSTALLER / "app.ico") as icon:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(icon.info["sizes"])
