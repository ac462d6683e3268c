"""保密审查: sheets waiting for me, the sheet shown like the paper form, sign buttons for the right role."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserFacingError
from app.services.review.forms import ReviewForms, sheet_rows
from app.services.review.types import ContentCheck, SheetDetail
from app.ui.dialogs.paper_signoff_dialog import record_paper_signoff
from app.ui.dialogs.review_checks_dialog import answer_review_checks
from app.ui.dialogs.review_sheet_dialog import open_new_review_sheet
from app.ui.errors import show_error, user_errors
from app.ui.page_services import PageServices
from app.ui.pages.base_page import BasePage
from app.ui.widgets.review_sign_panel import ReviewSignPanel

VIEWS = (("待我签署", "mine"), ("审查中", "审查中"), ("已通过", "已通过"), ("未通过", "未通过"), ("全部", ""))
NOTHING_WAITING = "没有等待您签署的保密审查单。"
MINE_ONE_CLERK = "待我签署或录入"  # 单人模式: every sheet in review waits for the one clerk (issue 21)
NO_SHEET = "在左侧选择一张保密审查单。"
OK_COLOR, WARN_COLOR = "#15803d", "#b45309"
FORM_CSS = (
    "table{border-collapse:collapse;width:100%} td{border:1px solid #888;padding:6px;vertical-align:top}"
    " td.l{width:150px;font-weight:bold;background:#f5f5f5}"
)


def form_html(sheet: SheetDetail, office: str) -> str:
    """The sheet as the paper form looks: a two-column bordered table under a centred title."""
    rows = "".join(
        "<tr><td class='l'>{}</td><td>{}</td></tr>".format(
            html.escape(label), html.escape(text).replace("\n", "<br>")
        )
        for label, text in sheet_rows(sheet)
    )
    return (
        f"<style>{FORM_CSS}</style><h2 align='center'>信息公开保密审查单</h2>"
        f"<p>编号：{html.escape(sheet.number)}　　填表日期：{sheet.filled_on}　　单位：{html.escape(office)}"
        f"　　状态：<b>{sheet.status}</b></p><table>{rows}</table>"
    )


def currency_html(check: ContentCheck, sheet: SheetDetail) -> str:
    """「本单审查的内容与现在一致」 in green, or what changed since, in amber."""
    if check.matches:
        same = f"本单审查的内容与该{sheet.kind_label}现在的内容一致。"
        return f"<span style='color:{OK_COLOR}'>✔ {html.escape(same)}</span>"
    what = (
        "签署时只能「不同意（退回）」，再为现在的内容重新发起审查。"
        if sheet.next_step
        else "该事项须重新审查后才能公开。"
    )
    details = "".join(f"<br>　· {html.escape(line)}" for line in check.details)
    return f"<span style='color:{WARN_COLOR}'><b>⚠ {html.escape(check.reason)}</b>，{what}{details}</span>"


class ReviewPage(BasePage):
    """For tests: `sheet_list`, `form`, `opinion`, `agree_button`, `reject_button`, `conclusion`."""

    def __init__(self, services: PageServices, parent: QWidget | None = None) -> None:
        super().__init__("保密审查", services, parent)
        self._reviews = services.ctx.reviews
        self._forms = ReviewForms(services.ctx.sessions)
        self._current: SheetDetail | None = None
        accounts = services.ctx.accounts
        self._one_clerk = accounts.single_account_mode() and accounts.count() == 1
        self.view_combo = QComboBox()
        for label, key in VIEWS:
            self.view_combo.addItem(MINE_ONE_CLERK if key == "mine" and self._one_clerk else label, key)
        self.view_combo.currentIndexChanged.connect(self.refresh)
        print_button = QPushButton("打印审查单…")
        print_button.setToolTip("生成 Word 文件，打印后手写签字存档")
        print_button.clicked.connect(self.export_sheet)
        new_button = QPushButton("发起保密审查…")
        new_button.setToolTip("为公文、公开栏张贴、决策事项等任一拟公开事项新建审查单（Ctrl+N）")
        new_button.clicked.connect(self.action_new)
        month_button = QPushButton("本月汇总表…")
        month_button.clicked.connect(self.export_month)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("显示"))
        bar.addWidget(self.view_combo)
        bar.addStretch(1)
        bar.addWidget(new_button)
        bar.addWidget(print_button)
        bar.addWidget(month_button)
        self.root_layout.addLayout(bar)

        self.sheet_list = QListWidget()
        self.sheet_list.setWordWrap(True)
        self.sheet_list.currentItemChanged.connect(lambda item, _old: self._select(item))
        self.empty_label = QLabel(NOTHING_WAITING)
        self.empty_label.setObjectName("hintLabel")
        self.empty_label.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.sheet_list, 1)
        left_layout.addWidget(self.empty_label)
        self.form = QTextBrowser()
        self.currency = QLabel()  # whether the item still has the content this sheet reviews (issue 19)
        self.currency.setWordWrap(True)
        self.currency.setTextFormat(Qt.TextFormat.RichText)
        self.sign_panel = ReviewSignPanel()  # the 审查要点, then each step in the app or from paper
        self.sign_panel.sign_requested.connect(self.sign)
        self.sign_panel.paper_requested.connect(self.record_paper)
        self.sign_panel.checks_requested.connect(self.answer_checks)
        panel = self.sign_panel
        self.step_label, self.opinion, self.conclusion = panel.step_label, panel.opinion, panel.conclusion
        self.agree_button, self.reject_button = panel.agree_button, panel.reject_button
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.currency)
        right_layout.addWidget(self.form, 1)
        right_layout.addWidget(self.sign_panel)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([320, 780])
        self.root_layout.addWidget(splitter, 1)
        self.refresh()

    def refresh(self) -> None:
        key = self.view_combo.currentData()
        if key != "mine":
            sheets = self._reviews.list_sheets(key)
        elif self._one_clerk:  # the only account signs its steps and records the leaders' from paper
            sheets = self._reviews.list_sheets("审查中")
        else:
            sheets = self._reviews.waiting_for(self.services.actor)
        keep = self._current.id if self._current else None
        self.sheet_list.blockSignals(True)
        self.sheet_list.clear()
        for sheet in sheets:
            waiting = f"待{sheet.next_step}" if sheet.next_step else sheet.status
            item = QListWidgetItem(f"{sheet.number}　{waiting}\n{sheet.values.item_title}")
            item.setData(Qt.ItemDataRole.UserRole, sheet.id)
            self.sheet_list.addItem(item)
        self.sheet_list.blockSignals(False)
        self.empty_label.setVisible(not sheets)
        self.empty_label.setText(NOTHING_WAITING if key == "mine" else "没有这类保密审查单。")
        rows = [
            self.sheet_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.sheet_list.count())
        ]
        if keep in rows:
            self.sheet_list.setCurrentRow(rows.index(keep))
        elif rows:
            self.sheet_list.setCurrentRow(0)
        else:
            self._show(None)

    def action_new(self) -> None:
        sheet = open_new_review_sheet(self, self.services)
        if sheet is not None:
            self._current = sheet
            self.view_combo.setCurrentIndex(self.view_combo.findData(sheet.status))
            self.refresh()

    def _select(self, item: QListWidgetItem | None) -> None:
        self._show(self._reviews.detail(int(item.data(Qt.ItemDataRole.UserRole))) if item else None)

    def _show(self, sheet: SheetDetail | None) -> None:
        self._current = sheet
        if sheet is None:
            self.form.setPlainText(NO_SHEET)
            self.currency.hide()
            self.sign_panel.hide()
            return
        office = self.services.ctx.settings.office()
        self.form.setHtml(form_html(sheet, office.name if office else ""))
        self.currency.setText(currency_html(self._reviews.check_content(sheet.id), sheet))
        self.currency.show()
        self.sign_panel.show_sheet(sheet, self.services.actor)

    def _after_change(self, changed: SheetDetail | None, sheet_id: int) -> None:
        """The list and the sheet as they are now, after a dialog saved something (or was refused)."""
        self.refresh()
        self._show(self._reviews.detail(changed.id if changed else sheet_id))

    def answer_checks(self) -> None:
        if self._current is not None:
            sheet = self._current
            self._after_change(answer_review_checks(self, self.services, sheet), sheet.id)

    def record_paper(self) -> None:
        if self._current is not None:
            sheet = self._current
            self._after_change(record_paper_signoff(self, self.services, sheet), sheet.id)

    def sign(self, agreed: bool) -> None:
        if self._current is None:
            return
        conclusion = "" if self.conclusion.isHidden() else self.conclusion.currentText()
        sheet, opinion = self._current, self.opinion.toPlainText()
        with user_errors(self) as attempt:
            self._current = self._reviews.sign(
                self.services.actor, sheet.id, agreed, opinion, conclusion, expected_version=sheet.version
            )
        if attempt.stale:  # someone signed or changed it meanwhile: show the sheet as it is
            self.refresh()
            self._show(self._reviews.detail(sheet.id))
            self.opinion.setPlainText(opinion)  # keep what the signer typed
        elif attempt.ok:
            self.refresh()
            if self._current is not None:
                self._show(self._reviews.detail(self._current.id))

    def _save_path(self, suggested: str, file_filter: str) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name, _ = QFileDialog.getSaveFileName(self, "保存", str(Path(folder) / suggested), file_filter)
        return Path(name) if name else None

    def export_sheet(self) -> None:
        if self._current is None:
            show_error(self, UserFacingError("请先在左侧选择一张保密审查单。"))
            return
        sheet, actor = self._current, self.services.actor
        path = self._save_path(f"保密审查单_{sheet.number}.docx", "Word 文档 (*.docx)")
        if path is None:
            return
        office = self.services.ctx.settings.office()
        self.services.runner.run(
            lambda _progress, _cancelled: self._forms.export_sheet(
                actor, sheet, office.name if office else "", path
            ),
            on_success=lambda saved: self.step_label.setText(f"已保存：{saved}"),
            parent=self,
            label="正在生成保密审查单…",
        )

    def export_month(self) -> None:
        today = self.clock.today()
        path = self._save_path(
            f"保密审查汇总表_{today:%Y%m}.xlsx", "Excel 工作簿 (*.xlsx);;Word 文档 (*.docx)"
        )
        if path is None:
            return
        sheets = self._reviews.month(today.year, today.month)
        office = self.services.ctx.settings.office()
        actor = self.services.actor
        self.services.runner.run(
            lambda _p, _c: self._forms.export_month(
                actor, sheets, today.replace(day=1), office.name if office else "", path
            ),
            on_success=lambda saved: self.step_label.setText(f"已保存：{saved}"),
            parent=self,
            label="正在生成保密审查汇总表…",
        )
