"""The one date field every dialog uses: calendar popup, typed dates accepted, shown as 2025-01-24."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

DATE_FORMAT = "yyyy-MM-dd"


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def date_edit(value: date) -> QDateEdit:
    edit = QDateEdit(qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    return edit


def date_of(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())
