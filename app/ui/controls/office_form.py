"""单位信息 form, used by the first-run dialog and the 设置 page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from app.services.settings.service import MAX_NAME, OfficeInfo


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
        self.org_code.setToolTip("用于生成索引号，例如 {机构代码}/2025-00001；登记公文后不宜再改。")

    def load(self, info: OfficeInfo | None) -> None:
        if info is None:
            return
        self.name.setText(info.name)
        self.org_code.setText(info.org_code)
        self.address.setText(info.address)
        self.phone.setText(info.phone)

    def collect(self) -> OfficeInfo:
        return OfficeInfo(self.name.text(), self.org_code.text(), self.address.text(), self.phone.text())
