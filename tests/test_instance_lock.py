from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from app.errors import UserFacingError
from app.instance_lock import InstanceLock
from app.paths import DataPaths
from tests.travel import python_command

ROOT = Path(__file__).resolve().parent.parent


def test_second_lock_on_same_folder_is_refused(data_paths: DataPaths) -> None:
    data_paths.ensure()
    with InstanceLock(data_paths.lock_file):
        with pytest.raises(UserFacingError, match="已经在使用这个数据文件夹"):
            InstanceLock(data_paths.lock_file).acquire()
    with InstanceLock(data_paths.lock_file):  # released: a later start works
        pass


def test_second_process_is_refused_with_exit_2(data_paths: DataPaths) -> None:
    data_paths.ensure()
    with InstanceLock(data_paths.lock_file):
        result = subprocess.run(
            [*python_command(), str(ROOT / "main.py"), "--data-dir", str(data_paths.root), "check"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            cwd=ROOT,
        )
    assert result.returncode == 2
    assert "已经在使用这个数据文件夹" in result.stderr
    assert "Traceback" not in result.stderr
