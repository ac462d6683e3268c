"""The 保密审查 page's signing panel: the 审查要点 first, then each step one of two ways (issue 21).

「本人在系统内签署」: the logged-in account signs its own step (as before).
「录入纸质签署」: the clerk records a step a leader signed with a pen on the printed sheet.
Which way is offered first depends on whether this account may sign the step itself.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.services.permissions import Actor, Perm
from app.services.review.types import CONCLUSIONS, SheetDetail

WARN_COLOR = "#b45309"


class ReviewSignPanel(QFrame):
    """For tests: `step_label`, `checks_button`, `in_app`, `on_paper` (the two ways), `opinion`,
    `conclusion`, `agree_button`, `reject_button`, `paper_button`."""

    sign_requested = Signal(bool)  # agreed
    paper_requested = Signal()
    checks_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)  # never squeezed
        self.step_label = QLabel()
        self.step_label.setWordWrap(True)
        self.checks_label = QLabel()
        self.checks_label.setWordWrap(True)
        self.checks_button = QPushButton("回答审查要点…")
        self.checks_button.clicked.connect(self.checks_requested)
        checks_row = QHBoxLayout()
        checks_row.addWidget(self.checks_label, 1)
        checks_row.addWidget(self.checks_button)
        self.in_app = QRadioButton("本人在系统内签署")
        self.on_paper = QRadioButton("录入纸质签署")
        self.in_app.setToolTip("由当前登录的账户签署本步骤")
        self.on_paper.setToolTip("领导已在打印的审查单上签字：按纸质审查单录入签署人、日期并附扫描件")
        ways = QButtonGroup(self)
        ways.addButton(self.in_app)
        ways.addButton(self.on_paper)
        self.in_app.toggled.connect(lambda _on: self._show_way())
        way_row = QHBoxLayout()
        way_row.addWidget(self.in_app)
        way_row.addWidget(self.on_paper)
        way_row.addStretch(1)
        self.opinion = QPlainTextEdit()
        self.opinion.setPlaceholderText("填写审查意见（不同意时必填理由）")
        self.opinion.setFixedHeight(64)
        self.conclusion = QComboBox()
        self.conclusion.addItems(list(CONCLUSIONS))
        self.conclusion_label = QLabel("审查结论")
        self.agree_button = QPushButton("同意并签署")
        self.agree_button.setProperty("primary", True)
        self.agree_button.clicked.connect(lambda: self.sign_requested.emit(True))
        self.reject_button = QPushButton("不同意（退回）")
        self.reject_button.clicked.connect(lambda: self.sign_requested.emit(False))
        self.paper_button = QPushButton("录入纸质签署…")
        self.paper_button.setProperty("primary", True)
        self.paper_button.clicked.connect(self.paper_requested)
        self.paper_hint = QLabel("按签字后的纸质审查单录入签署人、签署日期和意见，并附签字页的扫描件。")
        self.paper_hint.setObjectName("hintLabel")
        self.paper_hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.conclusion_label)
        buttons.addWidget(self.conclusion)
        buttons.addStretch(1)
        for button in (self.reject_button, self.agree_button, self.paper_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.step_label)
        layout.addLayout(checks_row)
        layout.addLayout(way_row)
        layout.addWidget(self.opinion)
        layout.addWidget(self.paper_hint)
        layout.addLayout(buttons)
        self._can_sign = self._can_record = self._final = False

    def show_sheet(self, sheet: SheetDetail, actor: Actor) -> None:
        """What this account can do with the sheet's next step now."""
        step = sheet.next_step
        self.setVisible(step is not None)
        if step is None:
            return
        unanswered = sheet.values.unanswered
        open_checks = not sheet.signoffs and actor.can(Perm.REGISTER)
        self.checks_label.setVisible(bool(unanswered) or open_checks)
        self.checks_button.setVisible(open_checks)
        self.checks_button.setText("回答审查要点…" if unanswered else "修改审查要点…")
        self.checks_label.setText(
            f"<span style='color:{WARN_COLOR}'>审查要点「{'、'.join(unanswered)}」"
            "还没有回答，回答后才能签署。</span>"
            if unanswered
            else "审查要点已逐项回答；开始签署后不能再改。"
        )
        self._can_sign = sheet.can_sign(actor) and not sheet.signed_by(actor)
        self._can_record = actor.can(Perm.REGISTER)
        self._final = step == sheet.steps[-1]
        self.in_app.setEnabled(self._can_sign)
        self.on_paper.setEnabled(self._can_record)
        (self.in_app if self._can_sign else self.on_paper).setChecked(True)
        self.conclusion.setCurrentText(sheet.default_conclusion)
        self.opinion.clear()
        if self._can_sign:
            how = "填写意见后点「同意并签署」；已在纸质审查单上签字的，选「录入纸质签署」。"
        elif self._can_record:
            how = "须由相应角色签署：已在纸质审查单上签字的，点「录入纸质签署…」录入。"
        else:
            how = "需由相应角色的账户登录后签署。"
        self.step_label.setText(f"当前步骤：{step}。{how}")
        self._show_way()

    def _show_way(self) -> None:
        in_app = self.in_app.isChecked() and self._can_sign
        paper = self.on_paper.isChecked() and self._can_record
        for widget in (self.opinion, self.agree_button, self.reject_button):
            widget.setVisible(in_app)
        self.conclusion.setVisible(in_app and self._final)
        self.conclusion_label.setVisible(in_app and self._final)
        self.paper_hint.setVisible(paper)
        self.paper_button.setVisible(paper)
        for way in (self.in_app, self.on_paper):
            way.setVisible(self._can_sign or self._can_record)
