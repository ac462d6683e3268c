"""设置 → 数据库 (管理员): this PC's database — the local file, or a shared PostgreSQL server (issue 14)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.errors import UserFacingError
from app.services.context import AppContext
from app.services.permissions import Actor, Perm
from app.services.server_config import (
    PASSWORD_WARNING,
    check_connection,
    has_password,
    load_config,
    save_choice,
    shown_url,
    validate_config,
)
from app.ui.errors import show_error

HELP = (
    "一台电脑使用时保持「本机数据库」。多个科室共用一套数据时，由信息管理员在服务器上准备 PostgreSQL 数据库"
    "和共享附件文件夹，再在每台电脑上填写下面两项。修改在下次启动程序时生效；切换前请先备份。"
)
URL_HINT = "postgresql://zwgk@192.168.1.10:5432/zwgk"
SHARE_HINT = "\\\\服务器\\zwgk附件"


class DatabasePanel(QWidget):
    def __init__(self, ctx: AppContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._actor = ctx, actor
        intro = QLabel(HELP)
        intro.setWordWrap(True)
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.local = QRadioButton("本机数据库（数据文件夹中的 zwgk.sqlite3，默认）")
        self.server = QRadioButton("PostgreSQL 服务器（多台电脑共用）")
        self.url = QLineEdit(placeholderText=URL_HINT, maxLength=500)
        self.share = QLineEdit(placeholderText=SHARE_HINT, maxLength=260)
        form = QFormLayout()
        form.addRow("连接地址", self.url)
        form.addRow("共享附件文件夹", self.share)
        self.test_button = QPushButton("测试连接")
        self.save_button = QPushButton("保存")
        self.test_button.clicked.connect(self.test_connection)
        self.save_button.clicked.connect(self.save)
        self.server.toggled.connect(self._sync)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        for shown in (intro, self.current, self.local, self.server):
            layout.addWidget(shown)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.refresh()
        if not actor.can(Perm.EDIT_OFFICE):
            for widget in (self.local, self.server, self.url, self.share, self.test_button, self.save_button):
                widget.setEnabled(False)

    def refresh(self) -> None:
        server = self._ctx.server
        self.current.setText(
            f"当前使用：PostgreSQL 服务器 {shown_url(server.db_url)}，附件在 {server.attachments_dir}"
            if server
            else f"当前使用：本机数据库 {self._ctx.paths.database}"
        )
        try:
            saved = load_config(self._ctx.paths)
        except UserFacingError:
            saved = None
        (self.server if saved else self.local).setChecked(True)
        self.url.setText(shown_url(saved.db_url) if saved and not has_password(saved.db_url) else "")
        self.share.setText(saved.attachments_dir if saved else "")
        self._sync()

    def _sync(self) -> None:
        on = self.server.isChecked()
        self.url.setEnabled(on)
        self.share.setEnabled(on)
        self.test_button.setEnabled(on)

    def test_connection(self) -> None:
        try:
            info = check_connection(self.url.text())
        except UserFacingError as error:
            show_error(self, error)
            return
        schema = (
            f"数据库版本 {info.schema_revision}" if info.schema_revision else "空数据库，首次启动时自动建表"
        )
        QMessageBox.information(self, APP_NAME, f"连接成功：PostgreSQL {info.server_version}，{schema}。")

    def save(self) -> None:
        try:
            config = validate_config(self.url.text(), self.share.text()) if self.server.isChecked() else None
            warnings = save_choice(self._actor, self._ctx.paths, self._ctx.sessions, config)
        except UserFacingError as error:
            show_error(self, error)
            return
        text = "已保存，下次启动程序时生效。" + (
            "\n\n" + PASSWORD_WARNING if PASSWORD_WARNING in warnings else ""
        )
        QMessageBox.information(self, APP_NAME, text)
