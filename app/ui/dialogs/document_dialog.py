"""公文 editor: `load(values)` and `collect() -> DocumentInput`; it never opens a session."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserFacingError
from app.services.documents.rules import (
    BASES,
    CHANNELS,
    DISCLOSURES,
    PROACTIVE,
    VALID,
    VALIDITIES,
    DocumentInput,
)
from app.services.formats.doc_numbers import parse_doc_number
from app.ui.controls.dialog_buttons import SAVE, save_buttons
from app.ui.dialogs.catalogue_link_dialog import LinkChoice
from app.ui.dialogs.document_picker_dialog import DocumentPickerDialog, Finder
from app.ui.errors import show_error

NO_DATE = QDate(2000, 1, 1)  # shown as 「未填」 (the date edit's special value)
CHANNEL_COLUMNS = 4


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText("未填")
    edit.setDate(NO_DATE)
    return edit


def _get(edit: QDateEdit) -> date | None:
    value = edit.date()
    if value == NO_DATE:
        return None
    day = value.toPython()
    assert isinstance(day, date)
    return day


def _set(edit: QDateEdit, value: date | None) -> None:
    edit.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)


class DocumentDialog(QDialog):
    """`duplicates(number)` lists the 索引号 already using a 文号 (warned, not refused); `find(query)`
    searches the register for the 政策解读 picker and `describe(id)` names the linked document."""

    def __init__(
        self,
        topics: list[str],
        genres: list[str],
        duplicates: Callable[[str], list[str]],
        parent: QWidget | None = None,
        index_no: str = "",
        files: list[str] | None = None,
        find: Finder | None = None,
        describe: Callable[[int], str] | None = None,
        pick_catalogue: Callable[[DocumentInput], LinkChoice | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("编辑公文" if index_no else "登记公文")
        self.setMinimumWidth(640)
        self._duplicates = duplicates
        self._find, self._describe = find, describe
        self._pick_catalogue = pick_catalogue  # registration only: links are saved with the new document
        self.catalogue_choice: LinkChoice | None = None
        self.interprets_id: int | None = None
        self._limit_days: int | None = None
        self.interprets_label = QLabel()
        self.interprets_label.setWordWrap(True)
        self.pick_button = QPushButton("选择…")
        self.pick_button.setToolTip("本件是某件公文的政策解读时，选择被解读的公文（三同步）")
        self.pick_button.clicked.connect(self.pick_interpreted)
        self.pick_button.setEnabled(find is not None)
        self.clear_pick_button = QPushButton("清除")
        self.clear_pick_button.clicked.connect(lambda: self.set_interprets(None, ""))
        interprets_row = QHBoxLayout()
        interprets_row.addWidget(self.interprets_label, 1)
        interprets_row.addWidget(self.pick_button)
        interprets_row.addWidget(self.clear_pick_button)
        self.number = QLineEdit()
        self.number.setPlaceholderText("例如 赵府办〔2025〕12号（没有文号可留空）")
        self.number.editingFinished.connect(self._check_number)
        self.number_hint = QLabel()
        self.number_hint.setObjectName("hintLabel")
        self.number_hint.setWordWrap(True)
        self.title_edit = QLineEdit()
        self.publisher = QLineEdit()
        self.issuer = QLineEdit()
        self.issuer.setPlaceholderText("红头上的机关名称，与发布机构相同可留空")
        self.addressee = QLineEdit()
        self.addressee.setPlaceholderText("例如 各村（居）委会、镇属各单位（没有可留空）")
        self.written_on, self.changed_on, self.validity_date = _date_edit(), _date_edit(), _date_edit()
        self.disclosure = QComboBox()
        self.disclosure.addItems(list(DISCLOSURES))
        self.disclosure.currentTextChanged.connect(self._toggle_reason)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("依申请公开、不予公开时必填：说明理由")
        self.reason.setFixedHeight(56)
        self.basis = QComboBox()
        self.basis.addItem("（请选择依据）", "")
        for basis in BASES:
            self.basis.addItem(f"条例{basis}", basis)
        self.topic = QComboBox()
        self.topic.setEditable(True)
        self.topic.addItems([""] + topics)
        self.genre = QComboBox()
        self.genre.addItems([""] + genres)
        self.normative = QCheckBox("行政规范性文件（需同步发布政策解读）")
        self.validity = QComboBox()
        self.validity.addItems(list(VALIDITIES))
        self.channel_boxes = {channel: QCheckBox(channel) for channel in CHANNELS}
        channels = QGridLayout()
        for position, box in enumerate(self.channel_boxes.values()):
            channels.addWidget(box, position // CHANNEL_COLUMNS, position % CHANNEL_COLUMNS)
        validity_row = QHBoxLayout()
        validity_row.addWidget(self.validity)
        validity_row.addWidget(QLabel("废止/失效日期"))
        validity_row.addWidget(self.validity_date)
        validity_row.addStretch(1)
        form = QFormLayout()
        form.addRow("索引号", QLabel(index_no or "保存时自动生成，生成后不再改变"))
        form.addRow("文号", self.number)
        form.addRow("", self.number_hint)
        form.addRow("标题 *", self.title_edit)
        form.addRow("发布机构 *", self.publisher)
        form.addRow("发文机关", self.issuer)
        form.addRow("主送", self.addressee)
        form.addRow("成文日期", self.written_on)
        form.addRow("变更日期", self.changed_on)
        form.addRow("公开属性 *", self.disclosure)
        form.addRow("不公开理由", self.reason)
        form.addRow("依据", self.basis)
        form.addRow("主题分类", self.topic)
        form.addRow("体裁分类", self.genre)
        form.addRow("", self.normative)
        form.addRow("有效性", validity_row)
        form.addRow("公开方式", channels)
        form.addRow("所解读的文件", interprets_row)
        if pick_catalogue is not None:
            form.addRow("标准目录事项", self._catalogue_row())
        if files:
            form.addRow("附件", QLabel("、".join(files)))
        buttons = save_buttons(self, on_accept=self._accept, kind=SAVE)
        self._body = QHBoxLayout()  # a scan's page and text go left of the form (`add_side`)
        self._body.addLayout(form, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self._body, 1)
        layout.addWidget(buttons)
        self._exclude_id: int | None = None
        self.set_interprets(None, "")
        self._toggle_reason(self.disclosure.currentText())

    def _catalogue_row(self) -> QHBoxLayout:
        self.catalogue_label = QLabel("可选：本件落实标准目录的哪一项（保存后关联）")
        self.catalogue_label.setWordWrap(True)
        self.catalogue_button = QPushButton("选择…")
        self.catalogue_button.clicked.connect(self.pick_catalogue)
        row = QHBoxLayout()
        row.addWidget(self.catalogue_label, 1)
        row.addWidget(self.catalogue_button)
        return row

    def pick_catalogue(self) -> None:
        choice = self._pick_catalogue(self.collect()) if self._pick_catalogue else None
        if choice is not None:
            self.catalogue_choice = choice
            self.catalogue_label.setText(f"{choice.summary()}（{choice.formed_on.isoformat()} 形成）")

    def add_side(self, widget: QWidget) -> None:
        """Shows `widget` (the scan's page and text) beside the fields."""
        self._body.insertWidget(0, widget, 1)
        self.setMinimumWidth(1100)

    def load(self, value: DocumentInput) -> None:
        self.number.setText(value.doc_number)
        self.title_edit.setText(value.title)
        self.publisher.setText(value.publisher)
        self.issuer.setText(value.issuer)
        self.addressee.setText(value.addressee)
        _set(self.written_on, value.written_on)
        _set(self.changed_on, value.changed_on)
        self.disclosure.setCurrentText(value.disclosure or PROACTIVE)
        self.reason.setPlainText(value.withhold_reason)
        self.basis.setCurrentIndex(max(self.basis.findData(value.withhold_basis), 0))
        self.topic.setCurrentText(value.topic)
        self.genre.setCurrentText(value.genre)
        self.normative.setChecked(value.normative)
        self.validity.setCurrentText(value.validity or VALID)
        _set(self.validity_date, value.validity_date)
        for channel, box in self.channel_boxes.items():
            box.setChecked(channel in value.channels)
        self._limit_days = value.publish_limit_days
        target = value.interprets_id
        self.set_interprets(target, self._describe(target) if target and self._describe else "")
        self._check_number()

    def collect(self) -> DocumentInput:
        return DocumentInput(
            title=self.title_edit.text(),
            publisher=self.publisher.text(),
            disclosure=self.disclosure.currentText(),
            doc_number=self.number.text(),
            written_on=_get(self.written_on),
            changed_on=_get(self.changed_on),
            withhold_reason=self.reason.toPlainText(),
            withhold_basis=str(self.basis.currentData() or ""),
            topic=self.topic.currentText(),
            genre=self.genre.currentText(),
            normative=self.normative.isChecked(),
            validity=self.validity.currentText(),
            validity_date=_get(self.validity_date),
            channels=tuple(channel for channel, box in self.channel_boxes.items() if box.isChecked()),
            interprets_id=self.interprets_id,
            publish_limit_days=self._limit_days,
            issuer=self.issuer.text(),
            addressee=self.addressee.text(),
        )

    def set_interprets(self, document_id: int | None, text: str) -> None:
        self.interprets_id = document_id
        if document_id is None:
            text = "无（本件是政策解读时，选择它解读的公文）"
        self.interprets_label.setText(text or f"已删除或不可见的公文（{document_id}）")
        self.clear_pick_button.setEnabled(document_id is not None)

    def pick_interpreted(self) -> None:
        if self._find is None:
            return
        picker = DocumentPickerDialog(self._find, "选择被解读的公文", self)
        if picker.exec() and picker.chosen is not None:
            self.set_interprets(*picker.chosen)

    def _toggle_reason(self, disclosure: str) -> None:
        needed = disclosure != PROACTIVE
        self.reason.setEnabled(needed)
        self.basis.setEnabled(needed)

    def _check_number(self) -> None:
        text = self.number.text().strip()
        if not text:
            self.number_hint.setText("")
            return
        try:
            parsed = parse_doc_number(text).text()
        except UserFacingError as error:
            self.number_hint.setText(error.message)
            return
        others = self._duplicates(parsed)
        self.number_hint.setText(f"注意：这个文号已登记过（索引号 {'、'.join(others)}）。" if others else "")

    def _accept(self) -> None:
        value = self.collect()
        if not value.title.strip():
            show_error(self, UserFacingError("请填写标题。"))
            return
        self.accept()
