"""Thumbnails of a posting's 张贴/撤除 photos; double-click opens the photo in the system viewer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from io import BytesIO
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QIcon, QPixmap
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget

from app.services.postings.photos import heic_readable
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
            pixmap = thumbnail(path)
            when = f"{photo.taken_at:%Y-%m-%d}" if photo.taken_at else ""
            item = QListWidgetItem(f"{photo.stage} {when}".strip())
            if not pixmap.isNull():
                item.setIcon(QIcon(pixmap))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(f"{photo.file_name}（{photo.board or '公开栏'}，{photo.taken_source}）")
            self.addItem(item)
        self.setVisible(bool(photos))

    def open_item(self, item: QListWidgetItem) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(item.data(Qt.ItemDataRole.UserRole))))


def thumbnail(path: Path) -> QPixmap:
    """Qt reads JPG/PNG/BMP itself; a phone's HEIC goes through Pillow. Null when neither can read it."""
    pixmap = QPixmap(str(path))
    if pixmap.isNull() and heic_readable():
        from PIL import Image  # only for the rare HEIC: Pillow stays out of start-up

        try:
            with Image.open(path) as image:
                image.thumbnail((THUMB.width() * 2, THUMB.height() * 2))
                png = BytesIO()
                image.convert("RGB").save(png, "PNG")
        except (OSError, ValueError):  # not a picture after all: the item shows its caption only
            return pixmap
        pixmap.loadFromData(png.getvalue(), "PNG")
    if pixmap.isNull():
        return pixmap
    return pixmap.scaled(
        THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
