"""Qt's own messages (qWarning, a missing font, a plugin that failed to load) into the log file."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QMessageLogContext, QtMsgType, qFormatLogMessage, qInstallMessageHandler

log = logging.getLogger("zwgk.qt")
LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
Handler = Callable[[QtMsgType, QMessageLogContext, str], None]
_previous: Handler | None = None


def _on_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category if context.category not in (None, "", "default") else ""
    log.log(LEVELS.get(kind, logging.WARNING), "%s%s", f"{category}: " if category else "", message)
    if _previous is not None:  # e.g. pytest-qt's recorder
        _previous(kind, context, message)
    elif sys.stderr is not None:  # as Qt's default handler did; None in the windowed (frozen) build
        sys.stderr.write(qFormatLogMessage(kind, context, message) + "\n")


def install_qt_message_handler() -> Handler | None:
    """Before the QApplication, so messages from creating it are logged too; returns the handler it
    replaced (which it also passes every message on to)."""
    global _previous
    previous = qInstallMessageHandler(_on_message)
    if previous is not _on_message:  # installed twice: keep passing on to the original one
        _previous = previous
    return _previous
