"""Thumbnails of a posting's 张贴/撤除 photos; double-click opens the photo in the system viewer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QIcon, QPixmap
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget

from app.services.postings.types import PhotoInfo

THUMB = QSize(120, 90)
STRIP_HEIGHT = 132  # one row of thumbnails with their captions


class PhotoStrip(QListWidget):
    """Each item's UserRole holds the stored file's path (content-addressed in the data folder)."""

    def __init__(self, path_of: Callable[[str], Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path_of = path_of
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setIconSize(THUMB)
        self.setFixedHeight(STRIP_HEIGHT)
        self.setMovement(QListView.Movement.Static)
        self.setToolTip("双击用系统看图程序打开照片")
        self.itemActivated.connect(self.open_item)

    def show_photos(self, photos: Sequence[PhotoInfo]) -> None:
        self.clear()
        for photo in photos:
            path = self._path_of(photo.sha256)
            pixmap = QPixmap(str(path))
            when = f"{photo.taken_at:%Y-%m-%d}" if photo.taken_at else ""
            item = QListWidgetItem(f"{photo.stage} {when}".strip())
            if not pixmap.isNull():
                scaled = pixmap.scaled(
                    THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
                item.setIcon(QIcon(scaled))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(f"{photo.file_name}（{photo.board or '公开栏'}，{photo.taken_source}）")
            self.addItem(item)
        self.setVisible(bool(photos))

    def open_item(self, item: QListWidgetItem) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(item.data(Qt.ItemDataRole.UserRole))))
