"""Open a stored attachment in the computer's own program (Word, WPS, a PDF or OFD reader).

The attachment store names files by checksum, without an extension, so the system would not know which
program reads them: open a copy under the file's own name in a temporary folder instead.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from app.errors import UserFacingError
from app.services.formats.zips import safe_file_name
from app.ui.errors import show_error

# No maintained renderer with a permissive licence exists (the PyPI ones need PyMuPDF, AGPL), so OFD pages
# are not drawn in the app: the office's OFD reader (数科、福昕、永中 …) shows them.
OFD_HINT = "OFD 文件请用本机的 OFD 阅读器打开"


def is_ofd(name: str) -> bool:
    return name.lower().endswith(".ofd")


def named_copy(stored: Path, name: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="zwgk-open-"))
    target = folder / safe_file_name(name, set())
    shutil.copyfile(stored, target)
    return target


def open_stored_file(parent: QWidget | None, stored: Path, name: str) -> bool:
    """Open `stored` as `name`; says calmly when the file is gone or no program opens its kind."""
    if not stored.is_file():
        show_error(parent, UserFacingError(f"附件「{name}」在数据文件夹中找不到，请从备份恢复。"))
        return False
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(named_copy(stored, name)))):
        return True
    if is_ofd(name):
        why = (
            "这台电脑上没有能打开 OFD 文件的程序。请安装 OFD 阅读器（如数科 OFD 阅读器），再点「打开附件」。"
        )
    else:
        why = f"这台电脑上没有能打开「{name}」的程序，请安装相应的软件后再试。"
    show_error(parent, UserFacingError(why))
    return False
