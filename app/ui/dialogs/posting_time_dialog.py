"""登记张贴 / 登记撤除: when it happened (date and time to the second), an optional photo whose EXIF time
is proposed, and for a removal before the 公示期 ends the reason. The service checks the time; a refusal
keeps the dialog open so the clerk corrects the field the message names."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDateTime, QStandardPaths
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.clock import Clock
from app.services.formats.chinese import cn_date
from app.services.postings.times import POSTED_FIELD, REMOVED_FIELD, propose_time
from app.ui.controls.dialog_buttons import save_buttons
from app.ui.errors import user_errors

DATETIME_FORMAT = "yyyy-MM-dd HH:mm:ss"
REASON_FIELD = "提前撤除原因"

# Called with (time, reason); raises UserFacingError to keep the dialog open.
Submit = Callable[[datetime, str], object]


def _qdatetime(moment: datetime) -> QDateTime:
    return QDateTime(moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


class PostingTimeDialog(QDialog):
    """Attributes: `when` (the time field), `photo_label`, `photo_button`, `note`, `reason` (removal only);
    `submit()` is what 登记 does; `photo` and `moment()` after accept."""

    def __init__(
        self,
        *,
        removing: bool,
        title: str,
        boards: tuple[str, ...],
        period_end: date,
        clock: Clock,
        submit: Submit,
        photo_filter: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._removing, self._period_end, self._clock, self._submit = removing, period_end, clock, submit
        self._photo_filter = photo_filter
        self.field = REMOVED_FIELD if removing else POSTED_FIELD
        self.setWindowTitle("登记撤除" if removing else "登记张贴")
        self.setMinimumWidth(520)
        self.photo: Path | None = None
        self.stale = False
        heading = QLabel(f"「{title}」\n公开栏：{'、'.join(boards)}")
        heading.setWordWrap(True)
        self.when = QDateTimeEdit()
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat(DATETIME_FORMAT)
        self.when.setToolTip("实际贴出（撤下）的日期和时间，可直接输入，也可点右侧箭头选日期")
        self.note = QLabel()
        self.note.setObjectName("hintLabel")
        self.note.setWordWrap(True)
        self.photo_label = QLabel("（可不选）")
        self.photo_button = QPushButton("选择照片…")
        self.photo_button.setToolTip(
            "选择现场照片：照片中有拍摄时间时，按它填写上面的时间；照片随登记一并存档"
        )
        self.photo_button.clicked.connect(self.choose_photo)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.photo_label, 1)
        photo_row.addWidget(self.photo_button)
        form = QFormLayout(self)
        form.addRow(heading)
        form.addRow(self.field, self.when)
        form.addRow("", self.note)
        form.addRow("现场照片", photo_row)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("如：内容有误已撤下更正；被雨水损毁，已重新张贴更正版")
        self.reason.setFixedHeight(72)
        self.reason_hint = QLabel(f"公示期到{cn_date(period_end)}才结束，提前撤除须填写原因。")
        self.reason_hint.setObjectName("hintLabel")
        if removing:
            form.addRow(REASON_FIELD, self.reason)
            form.addRow("", self.reason_hint)
            self.when.dateTimeChanged.connect(self._show_reason)
        form.addRow(save_buttons(self, "登记", on_accept=self.submit, primary=True))
        self.propose(None)

    def moment(self) -> datetime:
        value = self.when.dateTime().toPython()
        assert isinstance(value, datetime)
        return value.replace(microsecond=0)

    def set_moment(self, moment: datetime) -> None:
        self.when.setDateTime(_qdatetime(moment))

    def propose(self, photo: Path | None) -> bool:
        """Fill the time from `photo` (its EXIF time) or now; False when the file is not a picture."""
        with user_errors(self) as attempt:
            proposed = propose_time(photo, self._clock.now())
        if not attempt.ok:
            return False
        self.set_moment(proposed.moment)
        self.note.setText(proposed.note)
        return True

    def choose_photo(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        name, _ = QFileDialog.getOpenFileName(self, "选择现场照片", folder, self._photo_filter)
        if name:
            self.use_photo(Path(name))

    def use_photo(self, path: Path) -> None:
        if self.propose(path):
            self.photo = path
            self.photo_label.setText(path.name)

    def _show_reason(self) -> None:
        early = self.moment().date() <= self._period_end
        self.reason.setEnabled(early)
        self.reason_hint.setVisible(early)

    def submit(self) -> bool:
        """登记: the service decides; on a refusal the message is shown and the dialog stays open."""
        reason = self.reason.toPlainText() if self._removing else ""
        with user_errors(self) as attempt:
            self._submit(self.moment(), reason)
        self.stale = attempt.stale
        if attempt.ok:
            self.accept()
        elif attempt.stale:  # someone else changed the posting: the page reloads it
            self.reject()
        else:
            self.when.setFocus()
        return attempt.ok
