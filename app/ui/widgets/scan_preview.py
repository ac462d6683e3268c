"""Beside the 登记 dialog's fields: a scan's first page (scaled to fit) and its recognised text, editable."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSizePolicy, QSplitter, QVBoxLayout, QWidget

from app.services.search.pages import PAGE_BREAK, join_pages

if TYPE_CHECKING:
    from PIL.Image import Image

_MARK = re.compile(r"^[ \t]*——[ \t]*第[ \t]*\d+[ \t]*页[ \t]*——[ \t]*$", re.MULTILINE)


def shown_text(body: str) -> str:
    """The stored text with a visible line where each page begins (a form feed shows as nothing)."""
    pages = body.split(PAGE_BREAK)
    if len(pages) == 1:
        return body
    return "\n".join(f"—— 第 {number} 页 ——\n{page.strip()}" for number, page in enumerate(pages, 1))


def stored_text(shown: str) -> str:
    """Back from the box: the page lines become page breaks again, so search can still say the page."""
    parts = _MARK.split(shown)
    if len(parts) == 1:
        return shown.strip()
    return join_pages(part.strip() for part in parts[1:])  # parts[0] is what stands above 「第 1 页」


def to_qimage(image: Image) -> QImage:
    rgb = image.convert("RGB")
    data = rgb.tobytes()
    return QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888).copy()


class _PageImage(QLabel):
    """The page scaled to the label's size, keeping its proportions."""

    def __init__(self) -> None:
        super().__init__()
        self._pixmap: QPixmap | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(220, 240)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setObjectName("scanPage")
        self.setStyleSheet("#scanPage { background: #e9ecef; border: 1px solid #c8ccd0; }")

    def set_image(self, image: QImage | None) -> None:
        self._pixmap = QPixmap.fromImage(image) if image is not None and not image.isNull() else None
        if self._pixmap is None:
            self.setText("无法显示页面图像")
        self._rescale()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rescale()

    def _rescale(self) -> None:
        if self._pixmap is not None:
            self.setPixmap(
                self._pixmap.scaled(
                    self.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )


class ScanPreview(QWidget):
    """Attributes for tests: `page_image`, `text_edit`, `note`, `found`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page_image = _PageImage()
        self.found = QLabel()
        self.found.setWordWrap(True)
        self.note = QLabel()
        self.note.setObjectName("hintLabel")
        self.note.setWordWrap(True)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setPlaceholderText("扫描件的文字（可以改正识别错的字；保存后可按正文检索）")
        text_box = QWidget()
        text_layout = QVBoxLayout(text_box)
        text_layout.setContentsMargins(0, 0, 0, 0)
        text_layout.addWidget(QLabel("扫描件上的文字（可修改）"))
        text_layout.addWidget(self.text_edit, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.page_image)
        splitter.addWidget(text_box)
        splitter.setSizes([430, 230])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.found)
        layout.addWidget(splitter, 1)
        self.set_found("", "")
        self.set_note("")

    def set_image(self, image: QImage | None) -> None:
        self.page_image.set_image(image)

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def set_found(self, issuer: str, addressee: str) -> None:
        """发文机关 and 主送 as read: the register keeps 发布机构, so these are shown for checking."""
        parts = [f"发文机关：{issuer}" if issuer else "", f"主送：{addressee}" if addressee else ""]
        shown = "　".join(part for part in parts if part)
        self.found.setText(shown)
        self.found.setVisible(bool(shown))

    def set_text(self, body: str) -> None:
        self.text_edit.setPlainText(shown_text(body))

    def text(self) -> str:
        return stored_text(self.text_edit.toPlainText())
