"""One village's posting of a 村级 item for one period: the date it went up, a photo of the board, who
checked it, a note. A photo can be chosen or dragged onto the dialog."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.services.catalogue.villages_store import MAX_CHECKER
from app.services.postings.photos import heic_readable
from app.ui.controls.date_fields import date_edit, date_of, qdate
from app.ui.controls.dialog_buttons import save_buttons

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".heic", ".heif")


@dataclass(frozen=True)
class PostingContext:
    """What the dialog shows about the cell: which village, which item, which period and its due date."""

    village: str
    item: str  # 「2 村民会议决定事项及实施情况」
    period_label: str
    due: date
    today: date
    posted_on: date | None = None  # an earlier posting being corrected
    checked_by: str = ""
    note: str = ""
    has_photo: bool = False


@dataclass(frozen=True)
class PostingEntry:
    posted_on: date
    photo: Path | None
    checked_by: str
    note: str


def photo_filter() -> str:
    """*.heic only where it can be read (pi-heif installed), so a chosen photo is never refused for it."""
    return f"照片 (*.jpg *.jpeg *.png{' *.heic *.heif' if heic_readable() else ''} *.bmp)"


class VillagePostingDialog(QDialog):
    """Attributes for tests: `posted_on`, `photo_path`, `checked_by`, `note`; `entry()` after accept."""

    def __init__(self, context: PostingContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("登记村（居）务公示" if context.posted_on is None else "更正村（居）务公示")
        self.setMinimumWidth(480)
        self.setAcceptDrops(True)
        self._today = context.today
        heading = QLabel(
            f"<b>{context.village}</b>　{context.item}<br>{context.period_label}，"
            f"应于 {context.due.isoformat()} 前公示"
        )
        heading.setWordWrap(True)
        self.posted_on = date_edit(context.posted_on or min(context.today, context.due))
        self.posted_on.setMaximumDate(qdate(context.today))  # a posting is recorded after it went up
        self.photo_path = QLineEdit()
        self.photo_path.setPlaceholderText(
            "已有照片；选择新照片可替换"
            if context.has_photo
            else "可选：公示栏现场照片（也可把照片拖到这里）"
        )
        choose = QPushButton("选择照片…")
        choose.clicked.connect(self._choose_photo)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.photo_path, 1)
        photo_row.addWidget(choose)
        self.checked_by = QLineEdit(context.checked_by)
        self.checked_by.setMaxLength(MAX_CHECKER)
        self.checked_by.setPlaceholderText("到现场查看公示栏的人")
        self.note = QPlainTextEdit(context.note)
        self.note.setFixedHeight(64)
        form = QFormLayout(self)
        form.addRow(heading)
        form.addRow("公示日期", self.posted_on)
        form.addRow("照片", photo_row)
        form.addRow("检查人", self.checked_by)
        form.addRow("备注", self.note)
        form.addRow(save_buttons(self, "保存", primary=True))

    def _choose_photo(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        chosen, _ = QFileDialog.getOpenFileName(self, "选择公示栏照片", folder, photo_filter())
        if chosen:
            self.photo_path.setText(chosen)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_photo(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        photo = _dropped_photo(event)
        if photo is not None:
            self.photo_path.setText(str(photo))
            event.acceptProposedAction()

    def entry(self) -> PostingEntry:
        text = self.photo_path.text().strip()
        return PostingEntry(
            date_of(self.posted_on),
            Path(text) if text else None,
            self.checked_by.text().strip(),
            self.note.toPlainText().strip(),
        )


def _dropped_photo(event: QDragEnterEvent | QDropEvent) -> Path | None:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    for url in urls:
        path = Path(url.toLocalFile())
        if path.suffix.lower() in PHOTO_SUFFIXES:
            return path
    return None


def ask_posting(parent: QWidget | None, context: PostingContext) -> PostingEntry | None:
    """The posting as entered, or None when the clerk cancels. Tests replace this function."""
    dialog = VillagePostingDialog(context, parent)
    return dialog.entry() if dialog.exec() == QDialog.DialogCode.Accepted else None
