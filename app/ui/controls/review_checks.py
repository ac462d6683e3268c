"""The six 审查要点, each answered 是 or 否 by the clerk — none pre-ticked (issue 21).

A point answered 是 asks for a note (what is involved and how it is handled); an unanswered point stays
unanswered, and the sheet cannot be signed until every point is answered.
"""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLabel, QLineEdit, QRadioButton, QWidget

from app.services.review.types import CHECK_ITEMS

NOTE_HINT = "选「是」时必填：涉及什么，如何处理"
MAX_NOTE = 1000


class ChecksEditor(QWidget):
    """For tests: `yes[name]`, `no[name]`, `note[name]`; `answer(name, yes, note)` sets one point."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        self.yes: dict[str, QRadioButton] = {}
        self.no: dict[str, QRadioButton] = {}
        self.note: dict[str, QLineEdit] = {}
        self._groups: list[QButtonGroup] = []
        for row, name in enumerate(CHECK_ITEMS):
            yes, no, note = QRadioButton("是"), QRadioButton("否"), QLineEdit()
            group = QButtonGroup(self)  # exclusive, and starts with neither button checked
            group.addButton(yes)
            group.addButton(no)
            self._groups.append(group)
            note.setMaxLength(MAX_NOTE)
            note.setPlaceholderText(NOTE_HINT)
            note.setEnabled(False)
            yes.toggled.connect(lambda on, edit=note: self._note_for_yes(edit, on))
            grid.addWidget(QLabel(f"是否涉及{name}"), row, 0)
            grid.addWidget(yes, row, 1)
            grid.addWidget(no, row, 2)
            grid.addWidget(note, row, 3)
            self.yes[name], self.no[name], self.note[name] = yes, no, note
        grid.setColumnStretch(3, 1)

    @staticmethod
    def _note_for_yes(note: QLineEdit, on: bool) -> None:
        note.setEnabled(on)
        if on:
            note.setFocus()

    def answer(self, name: str, yes: bool, note: str = "") -> None:
        (self.yes if yes else self.no)[name].setChecked(True)
        self.note[name].setText(note if yes else "")

    def set_answers(self, checks: dict[str, bool], notes: dict[str, str]) -> None:
        for name, yes in checks.items():
            self.answer(name, yes, notes.get(name, ""))

    def answers(self) -> dict[str, bool]:
        """The answered points only: an unanswered one is left out, not read as 否."""
        return {
            name: self.yes[name].isChecked()
            for name in CHECK_ITEMS
            if self.yes[name].isChecked() or self.no[name].isChecked()
        }

    def notes(self) -> dict[str, str]:
        return {name: self.note[name].text().strip() for name, yes in self.answers().items() if yes}

    def unanswered(self) -> list[str]:
        answered = self.answers()
        return [name for name in CHECK_ITEMS if name not in answered]
