"""Where data, logs, backups and bundled resources live."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from app import APP_AUTHOR, APP_ID

DB_FILE_NAME = "zwgk.sqlite3"


def default_data_dir() -> Path:
    """Per-user local app-data folder (%LOCALAPPDATA%\\ZwgkWorkbench\\ZwgkWorkbench on Windows)."""
    return Path(platformdirs.user_data_dir(APP_ID, APP_AUTHOR, roaming=False))


def resource_root() -> Path:
    """The `resources/` folder, also inside a PyInstaller bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resource_root().joinpath(*parts)


@dataclass(frozen=True)
class DataPaths:
    """All locations inside one data folder; the folder is the unit of backup and locking."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DB_FILE_NAME

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def lock_file(self) -> Path:
        return self.root / "zwgk.lock"

    @property
    def log_file(self) -> Path:
        return self.logs / "zwgk.log"

    def ensure(self) -> DataPaths:
        for folder in (self.root, self.attachments, self.logs, self.backups):
            folder.mkdir(parents=True, exist_ok=True)
        return self
