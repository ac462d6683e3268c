"""「记录公开…」: a publication on a channel the app cannot see (政务新媒体, 公开查阅点 …) with its date, the
网址 or a note, and an optional screenshot; and 「设定期限…」 for an item whose 公开时限 fixes no date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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

from app.services.catalogue.channels import CANONICAL
from app.services.catalogue.compliance_sources import BOARD, WEBSITE, channel_kind
from app.ui.controls.date_fields import date_edit, date_of, qdate
from app.ui.controls.dialog_buttons import save_buttons

SELF_SEEN = "政府网站以上报数据包为准，公示栏以有照片的公开栏张贴为准，这两个渠道不用在这里记录。"
SCREENSHOTS = "截图 (*.png *.jpg *.jpeg *.bmp *.pdf)"


def recordable(channels: tuple[str, ...]) -> list[str]:
    """The channels a clerk records by hand: the item's missing ones first, then the usual others."""
    ordered = dict.fromkeys((*channels, *CANONICAL))
    return [name for name in ordered if channel_kind(name) not in (WEBSITE, BOARD)]


@dataclass(frozen=True)
class PublicationEntry:
    channel: str
    published_on: date
    evidence: str
    screenshot: Path | None


class CataloguePublicationDialog(QDialog):
    """For tests: `channel`, `published_on`, `evidence`, `screenshot`; `entry()` after accept."""

    def __init__(
        self, heading: str, missing: tuple[str, ...], formed: date, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("记录公开")
        self.setMinimumWidth(520)
        title = QLabel(heading)
        title.setWordWrap(True)
        hint = QLabel(SELF_SEEN)
        hint.setObjectName("hintLabel")
        hint.setWordWrap(True)
        self.channel = QComboBox()
        self.channel.setEditable(True)  # a channel the list lacks is typed (「镇政务服务中心电子屏」)
        self.channel.addItems(recordable(missing))
        self.published_on = date_edit(today)
        self.published_on.setMinimumDate(qdate(min(formed, today)))  # not before the information existed
        self.published_on.setMaximumDate(qdate(today))  # recorded after it happened
        self.evidence = QPlainTextEdit()
        self.evidence.setPlaceholderText("网址，或说明在哪里、怎样公开的（如「镇公众号 2026-11-20 推文」）")
        self.evidence.setFixedHeight(64)
        self.screenshot = QLineEdit()
        self.screenshot.setPlaceholderText("可选：网页或公众号的截图")
        choose = QPushButton("选择截图…")
        choose.clicked.connect(self._choose)
        shot_row = QHBoxLayout()
        shot_row.addWidget(self.screenshot, 1)
        shot_row.addWidget(choose)
        form = QFormLayout(self)
        form.addRow(title)
        form.addRow("公开渠道", self.channel)
        form.addRow("公开日期", self.published_on)
        form.addRow("佐证", self.evidence)
        form.addRow("截图", shot_row)
        form.addRow(hint)
        form.addRow(save_buttons(self, "保存", primary=True))

    def _choose(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        chosen, _ = QFileDialog.getOpenFileName(self, "选择截图", folder, SCREENSHOTS)
        if chosen:
            self.screenshot.setText(chosen)

    def entry(self) -> PublicationEntry:
        shot = self.screenshot.text().strip()
        return PublicationEntry(
            self.channel.currentText().strip(),
            date_of(self.published_on),
            self.evidence.toPlainText().strip(),
            Path(shot) if shot else None,
        )


class CatalogueDueDialog(QDialog):
    """「设定期限」: the clerk's due date for a 「需人工确定」 item; 「不设期限」 clears it."""

    def __init__(
        self, heading: str, time_limit: str, current: date | None, formed: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("设定公开期限")
        self.setMinimumWidth(460)
        title = QLabel(heading)
        title.setWordWrap(True)
        wording = QLabel(
            f"目录中的公开时限：「{time_limit or '未写明'}」，没有写出具体日期，请按有关规定确定。"
        )
        wording.setObjectName("hintLabel")
        wording.setWordWrap(True)
        self.due = date_edit(current or formed)
        self.due.setMinimumDate(qdate(formed))  # 不能早于信息形成日期
        self.clear = QCheckBox("不设期限（清除已设定的期限）")
        self.clear.toggled.connect(lambda on: self.due.setEnabled(not on))
        form = QFormLayout(self)
        form.addRow(title)
        form.addRow(wording)
        form.addRow("应于此日前公开", self.due)
        form.addRow("", self.clear)
        form.addRow(save_buttons(self, "保存", primary=True))

    def chosen(self) -> date | None:
        return None if self.clear.isChecked() else date_of(self.due)


def ask_publication(
    parent: QWidget | None, heading: str, missing: tuple[str, ...], formed: date, today: date
) -> PublicationEntry | None:
    """The publication as entered, or None when the clerk cancels. Tests replace this function."""
    dialog = CataloguePublicationDialog(heading, missing, formed, today, parent)
    return dialog.entry() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_due(
    parent: QWidget | None, heading: str, time_limit: str, current: date | None, formed: date
) -> tuple[bool, date | None]:
    """(accepted, the due date or None to clear it). Tests replace this function."""
    dialog = CatalogueDueDialog(heading, time_limit, current, formed, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return accepted, dialog.chosen() if accepted else None
