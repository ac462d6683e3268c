"""The one mapping from exceptions to what the clerk sees."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, __version__
from app.errors import CancelledError, UserFacingError
from app.services.permissions import SessionEndedError
from app.ui import strings

log = logging.getLogger("zwgk.ui")
_log_file: Path | None = None
_interactive = True
EXIT_CRASH = 70


class CrashDialog(QDialog):
    def __init__(self, details: str, log_file: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(strings.CRASH_TITLE)
        self.resize(640, 420)
        text = QLabel(strings.CRASH_TEXT.format(log=log_file or strings.EMPTY))
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(strings.COPY_DETAILS, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.details)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details.toPlainText())


def crash_details(exc: BaseException) -> str:
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return f"{APP_NAME} {__version__}\nPython {sys.version.split()[0]}\n\n{trace}"


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    if isinstance(exc, CancelledError):
        return
    if isinstance(exc, UserFacingError):
        QMessageBox.warning(parent, APP_NAME, exc.message)
        if isinstance(exc, SessionEndedError):
            end_session(parent)
        return
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    CrashDialog(crash_details(exc), _log_file, parent).exec()


@dataclass
class Attempt:
    """What `user_errors` saw: `ok` when the block ran through, else the refusal already shown."""

    error: UserFacingError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def stale(self) -> bool:
        """Someone else saved the record first: callers reload it (the message is already shown)."""
        from app.models.versioning import StaleRecordError  # app.models is not loaded before the first paint

        return isinstance(self.error, StaleRecordError)


@contextmanager
def user_errors(parent: QWidget | None) -> Iterator[Attempt]:
    """`with user_errors(self) as attempt:` shows a refusal through show_error and ends the block;
    the code after it checks `attempt.ok`. Anything else is a bug and goes on to the excepthook."""
    attempt = Attempt()
    try:
        yield attempt
    except UserFacingError as error:
        attempt.error = error
        show_error(parent, error)


def end_session(widget: QWidget | None) -> None:
    """The account was deactivated (SessionEndedError, issue 19): the main window locks to the log-in
    dialog once the current action has unwound."""
    candidates: list[QWidget] = []
    while widget is not None:
        candidates.append(widget)
        widget = widget.parentWidget()
    candidates += QApplication.topLevelWidgets()
    window = next((w for w in candidates if callable(getattr(w, "session_ended", None))), None)
    if window is not None:
        QTimer.singleShot(0, window.session_ended)  # type: ignore[attr-defined]


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    exc.__traceback__ = tb
    if not _interactive:  # smoke test / automation: nobody can close a dialog, so fail loudly
        log.error("unexpected error (non-interactive)", exc_info=(kind, exc, tb))
        sys.__excepthook__(kind, exc, tb)
        sys.stderr.flush()
        os._exit(EXIT_CRASH)
    if QApplication.instance() is None:
        log.error("unexpected error before the window", exc_info=(kind, exc, tb))
        sys.__excepthook__(kind, exc, tb)
        return
    show_error(QApplication.activeWindow(), exc)


def install_excepthook(log_file: Path, *, interactive: bool = True) -> None:
    global _log_file, _interactive
    _log_file, _interactive = log_file, interactive
    sys.excepthook = _excepthook
