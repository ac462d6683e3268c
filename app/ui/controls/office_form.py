"""单位信息 form, used by the first-run dialog and the 设置 page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLineEdit, QMessageBox, QWidget

from app.services.settings.org_code import check_org_code
from app.services.settings.service import MAX_NAME, ORG_CODE_RE, OfficeInfo


def confirm_org_code(parent: QWidget, code: str, saved: OfficeInfo | None) -> bool:
    """Asks before keeping a code that is not a 统一社会信用代码 (not again for the code already saved);
    True to go on saving. A wrong check digit goes on: the settings service refuses it with its message."""
    if not ORG_CODE_RE.match(code.strip()):
        return True  # the service says what a code may contain
    checked = check_org_code(code)
    if checked.problem or not checked.question or (saved and saved.org_code == checked.code):
        return True
    answer = QMessageBox.question(
        parent,
        "机构代码",
        checked.question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class OfficeForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit(placeholderText="例如：××县××镇人民政府", maxLength=MAX_NAME)
        self.org_code = QLineEdit(placeholderText="统一社会信用代码或上级分配的机构代码", maxLength=40)
        self.address = QLineEdit(maxLength=200)
        self.phone = QLineEdit(maxLength=50)
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout.addRow("单位名称（必填）", self.name)
        layout.addRow("机构代码（必填）", self.org_code)
        layout.addRow("办公地址", self.address)
        layout.addRow("联系电话", self.phone)
        self.org_code.setToolTip(
            "18位统一社会信用代码（按 GB 32100-2015 核对校验码），用于生成索引号，"
            "例如 {机构代码}/2025-00001；登记公文后不宜再改。"
        )

    def load(self, info: OfficeInfo | None) -> None:
        if info is None:
            return
        self.name.setText(info.name)
        self.org_code.setText(info.org_code)
        self.address.setText(info.address)
        self.phone.setText(info.phone)

    def collect(self) -> OfficeInfo:
        return OfficeInfo(self.name.text(), self.org_code.text(), self.address.text(), self.phone.text())
