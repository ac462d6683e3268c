"""Locks the window after the configured idle time (any key or mouse input counts as activity), and the
curtain that keeps every other window's data off the screen while it is locked."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from shiboken6 import isValid

ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel}
LOCKED_TITLE = "已锁定"
DIRECT_CHILDREN = Qt.FindChildOption.FindDirectChildrenOnly


class IdleWatcher(QObject):
    def __init__(self, minutes: int, on_idle: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(on_idle)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(minutes * 60_000)

    def set_interval_ms(self, interval_ms: int) -> None:
        """0 switches the lock off."""
        self._timer.stop()
        self._interval_ms = interval_ms
        if interval_ms > 0:
            self._timer.start(interval_ms)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def restart(self) -> None:
        if self._interval_ms > 0:
            self._timer.start(self._interval_ms)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and self._interval_ms > 0:
            self._timer.start(self._interval_ms)
        return False


class Curtain(QObject):
    """While the window is locked no other window shows data (issue 19: a dialog with an applicant's details
    stayed on screen). Windows are hidden and come back after the log-in. A dialog waiting in exec() cannot
    be hidden — hiding ends its exec() and loses what the clerk typed — so its contents are hidden instead
    and its title reads 「已锁定」. Menus and tooltips just close."""

    def __init__(self, keep: QWidget) -> None:
        super().__init__(keep)
        self._hidden: list[QWidget] = []
        self._blanked: list[tuple[QDialog, str, list[QWidget], QWidget | None]] = []
        for window in QApplication.topLevelWidgets():
            if window is keep or not window.isVisible():
                continue
            if window.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):
                window.hide()
            elif isinstance(window, QDialog) and window.isModal():
                self._blank(window)
            else:
                window.hide()
                window.installEventFilter(self)  # closed while locked: not shown again
                self._hidden.append(window)

    def _blank(self, dialog: QDialog) -> None:
        children = dialog.findChildren(QWidget, options=DIRECT_CHILDREN)
        shown = [child for child in children if child.isVisible() and not child.isWindow()]
        self._blanked.append((dialog, dialog.windowTitle(), shown, dialog.focusWidget()))
        for child in shown:
            child.hide()
        dialog.setWindowTitle(LOCKED_TITLE)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and watched in self._hidden:
            self._hidden.remove(watched)
        return False

    def lift(self) -> None:
        """After the log-in: everything back as it was (what was closed meanwhile stays closed)."""
        for dialog, title, shown, focus in self._blanked:
            if not isValid(dialog):
                continue
            dialog.setWindowTitle(title)
            for child in shown:
                if isValid(child):
                    child.show()
            if focus is not None and isValid(focus):
                focus.setFocus()
        for window in self._hidden:
            if isValid(window):
                window.removeEventFilter(self)
                window.show()
        self._blanked, self._hidden = [], []

    def close_all(self) -> None:
        """The log-in was given up: the program closes, and nothing it hid may come back."""
        for dialog, _title, _shown, _focus in self._blanked:
            if isValid(dialog):
                dialog.reject()
        for window in self._hidden:
            if isValid(window):
                window.close()
        self._blanked, self._hidden = [], []
