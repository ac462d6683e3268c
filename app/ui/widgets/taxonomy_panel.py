"""设置 → 分类: the 主题分类 tree and the 体裁分类 list; add a term, hide one (documents keep their value)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.errors import UserFacingError
from app.services.documents.taxonomy import GENRE, MAX_TERM, TOPIC, TaxonomyService
from app.services.permissions import Actor, Perm
from app.ui.errors import show_error, user_errors

HINT = (
    "隐藏的分类不再出现在登记时的选择列表中，已登记的公文保留原来的分类；"
    "重新添加同名分类即可恢复。修改分类需要「单位设置」权限。"
)
PARENT_ROLE = Qt.ItemDataRole.UserRole


class TaxonomyPanel(QWidget):
    """For tests: `topic_tree`, `topic_name`, `genre_list`, `genre_name`, the add/hide buttons."""

    def __init__(self, service: TaxonomyService, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service, self._actor = service, actor
        editable = actor.can(Perm.EDIT_OFFICE)
        self.topic_tree = QTreeWidget()
        self.topic_tree.setHeaderHidden(True)
        self.topic_name = QLineEdit()
        self.topic_name.setMaxLength(MAX_TERM)
        self.topic_name.setPlaceholderText("新分类名称")
        self.add_group_button = QPushButton("添加为大类")
        self.add_group_button.clicked.connect(self.add_group)
        self.add_child_button = QPushButton("添加到所选大类下")
        self.add_child_button.clicked.connect(self.add_child)
        self.hide_topic_button = QPushButton("隐藏所选")
        self.hide_topic_button.clicked.connect(self.hide_topic)
        topic_row = QHBoxLayout()
        for widget in (self.topic_name, self.add_group_button, self.add_child_button, self.hide_topic_button):
            topic_row.addWidget(widget)
        topics = QGroupBox("主题分类")
        topic_layout = QVBoxLayout(topics)
        topic_layout.addWidget(self.topic_tree, 1)
        topic_layout.addLayout(topic_row)

        self.genre_list = QListWidget()
        self.genre_name = QLineEdit()
        self.genre_name.setMaxLength(MAX_TERM)
        self.genre_name.setPlaceholderText("新体裁名称")
        self.add_genre_button = QPushButton("添加")
        self.add_genre_button.clicked.connect(self.add_genre)
        self.hide_genre_button = QPushButton("隐藏所选")
        self.hide_genre_button.clicked.connect(self.hide_genre)
        genre_row = QHBoxLayout()
        for widget in (self.genre_name, self.add_genre_button, self.hide_genre_button):
            genre_row.addWidget(widget)
        genres = QGroupBox("体裁分类")
        genre_layout = QVBoxLayout(genres)
        genre_layout.addWidget(self.genre_list, 1)
        genre_layout.addLayout(genre_row)

        body = QHBoxLayout()
        body.addWidget(topics, 3)
        body.addWidget(genres, 2)
        hint = QLabel(HINT)
        hint.setWordWrap(True)
        hint.setObjectName("hintLabel")
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(hint)
        for button in (self.add_group_button, self.add_child_button, self.hide_topic_button,
                       self.add_genre_button, self.hide_genre_button):  # fmt: skip
            button.setEnabled(editable)
        self.refresh()

    def refresh(self) -> None:
        self.topic_tree.clear()
        for group in self._service.topics():
            item = QTreeWidgetItem([group.name])
            item.setData(0, PARENT_ROLE, "")
            for child in group.children:
                leaf = QTreeWidgetItem([child])
                leaf.setData(0, PARENT_ROLE, group.name)
                item.addChild(leaf)
            self.topic_tree.addTopLevelItem(item)
        self.genre_list.clear()
        self.genre_list.addItems(self._service.genres())

    def _run(self, call: Callable[[], None]) -> bool:
        with user_errors(self) as attempt:
            call()
        if attempt.ok:
            self.refresh()
        return attempt.ok

    def add_group(self) -> None:
        name = self.topic_name.text().strip()
        if self._run(lambda: self._service.add_term(self._actor, TOPIC, name)):
            self.topic_name.clear()

    def add_child(self) -> None:
        item = self.topic_tree.currentItem()
        if item is None:
            show_error(self, UserFacingError("请先在左侧选择一个主题大类。"))
            return
        group = str(item.data(0, PARENT_ROLE)) or item.text(0)
        name = self.topic_name.text().strip()
        if self._run(lambda: self._service.add_term(self._actor, TOPIC, name, group)):
            self.topic_name.clear()

    def hide_topic(self) -> None:
        item = self.topic_tree.currentItem()
        if item is None:
            return
        name, group = item.text(0), str(item.data(0, PARENT_ROLE))
        label = f"{group}\\{name}" if group else f"{name}（连同其下 {item.childCount()} 个小类）"
        if (
            QMessageBox.question(self, APP_NAME, f"隐藏主题分类「{label}」？")
            != QMessageBox.StandardButton.Yes
        ):
            return
        self._run(lambda: self._service.remove_term(self._actor, TOPIC, name, group))

    def add_genre(self) -> None:
        name = self.genre_name.text().strip()
        if self._run(lambda: self._service.add_term(self._actor, GENRE, name)):
            self.genre_name.clear()

    def hide_genre(self) -> None:
        item = self.genre_list.currentItem()
        if item is None:
            return
        name = item.text()
        if (
            QMessageBox.question(self, APP_NAME, f"隐藏体裁分类「{name}」？")
            != QMessageBox.StandardButton.Yes
        ):
            return
        self._run(lambda: self._service.remove_term(self._actor, GENRE, name))
