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
from app.services.storage.server_config import (
    PASSWORD_WARNING,
    ServerConfig,
    check_connection,
    has_password,
    load_config,
    save_choice,
    shown_url,
    url_to_save,
    validate_config,
)
from app.ui.errors import user_errors

HELP = (
    "一台电脑使用时保持「本机数据库」。多个科室共用一套数据时，由信息管理员在服务器上准备 PostgreSQL 数据库"
    "和共享附件文件夹，再在每台电脑上填写下面几项。修改在下次启动程序时生效；切换前请先备份。"
)
URL_HINT = "postgresql://zwgk@192.168.1.10:5432/zwgk"
PASSWORD_HINT = (
    "建议地址中不写密码，改用 PostgreSQL 密码文件（%APPDATA%\\postgresql\\pgpass.conf），"
    "密码就不会保存在本机设置中。"
    "地址中的 *** 代表已保存的密码：保持不动即沿用；要改密码，请填在「密码」一栏。"
)
KEEP_PASSWORD = "已保存密码，留空则不变"
NO_PASSWORD = "可不填（推荐使用 pgpass.conf 密码文件）"
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
        self.password = QLineEdit(maxLength=200)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.share = QLineEdit(placeholderText=SHARE_HINT, maxLength=260)
        hint = QLabel(PASSWORD_HINT)
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        form = QFormLayout()
        form.addRow("连接地址", self.url)
        form.addRow("密码", self.password)
        form.addRow("", hint)
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
            controls = (self.local, self.server, self.url, self.password, self.share, self.test_button)
            for widget in (*controls, self.save_button):
                widget.setEnabled(False)

    def refresh(self) -> None:
        server = self._ctx.server
        self.current.setText(
            f"当前使用：PostgreSQL 服务器 {shown_url(server.db_url)}，附件在 {server.attachments_dir}"
            if server
            else f"当前使用：本机数据库 {self._ctx.paths.database}"
        )
        saved = self._saved()
        (self.server if saved else self.local).setChecked(True)
        # The password is never shown: *** stands for it, and saving keeps it unless a new one is typed.
        self.url.setText(shown_url(saved.db_url) if saved else "")
        self.password.clear()
        self.password.setPlaceholderText(
            KEEP_PASSWORD if saved and has_password(saved.db_url) else NO_PASSWORD
        )
        self.share.setText(saved.attachments_dir if saved else "")
        self._sync()

    def _saved(self) -> ServerConfig | None:
        try:
            return load_config(self._ctx.paths)
        except UserFacingError:
            return None

    def _typed_url(self) -> str:
        saved = self._saved()
        return url_to_save(self.url.text(), saved.db_url if saved else None, self.password.text())

    def _sync(self) -> None:
        on = self.server.isChecked()
        self.url.setEnabled(on)
        self.password.setEnabled(on)
        self.share.setEnabled(on)
        self.test_button.setEnabled(on)

    def test_connection(self) -> None:
        with user_errors(self) as attempt:
            info = check_connection(self._typed_url())
        if not attempt.ok:
            return
        schema = (
            f"数据库版本 {info.schema_revision}" if info.schema_revision else "空数据库，首次启动时自动建表"
        )
        QMessageBox.information(self, APP_NAME, f"连接成功：PostgreSQL {info.server_version}，{schema}。")

    def save(self) -> None:
        with user_errors(self) as attempt:
            server = self.server.isChecked()
            config = validate_config(self._typed_url(), self.share.text()) if server else None
            warnings = save_choice(self._actor, self._ctx.paths, self._ctx.sessions, config)
        if not attempt.ok:
            return
        text = "已保存，下次启动程序时生效。" + (
            "\n\n" + PASSWORD_WARNING if PASSWORD_WARNING in warnings else ""
        )
        self.refresh()
        QMessageBox.information(self, APP_NAME, text)
