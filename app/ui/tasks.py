"""The only threading code: run a service call off the GUI thread with progress and 取消.

All jobs share one worker thread, so database writes never race (Anki runs collection ops the same way).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.errors import CancelledError
from app.services.common import IsCancelled, Progress
from app.ui import strings
from app.ui.errors import show_error

T = TypeVar("T")
Job = Callable[[Progress, IsCancelled], T]

PROGRESS_DELAY_MS = 500


class _Signals(QObject):
    progressed = Signal(int, str)
    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, job: Job[Any], signals: _Signals, cancel: threading.Event) -> None:
        super().__init__()
        self._job, self._signals, self._cancel = job, signals, cancel
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._job(self._signals.progressed.emit, self._cancel.is_set)
        except BaseException as exc:
            self._signals.failed.emit(exc)
        else:
            self._signals.succeeded.emit(result)


class Task(Generic[T]):
    """One running job; the dialog appears only if the job takes longer than PROGRESS_DELAY_MS."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None, label: str) -> None:
        self.cancel_event = threading.Event()
        self.signals = _Signals()
        self._dialog: QProgressDialog | None = None
        self._parent, self._label = parent, label
        self._last = (0, label)
        self._timer = QTimer(singleShot=True, interval=PROGRESS_DELAY_MS)
        self._timer.timeout.connect(self._show_dialog)
        self.signals.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self.done = False
        self._runner = runner

    @property
    def dialog(self) -> QProgressDialog | None:
        return self._dialog

    def cancel(self) -> None:
        self.cancel_event.set()

    def _show_dialog(self) -> None:
        if self.done:
            return
        dialog = QProgressDialog(self._label, strings.CANCEL, 0, 100, self._parent)
        dialog.setWindowTitle(strings.WORKING)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        dialog.setValue(self._last[0])
        dialog.setLabelText(self._last[1])
        dialog.show()
        self._dialog = dialog

    def _on_progress(self, percent: int, message: str) -> None:
        self._last = (percent, message or self._label)
        dialog = self._dialog  # setValue() may run the event loop, and finish() clears self._dialog
        if dialog is not None:
            dialog.setValue(percent)
            dialog.setLabelText(self._last[1])

    def finish(self) -> None:
        self.done = True
        self._timer.stop()
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.cancel)
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        self._runner._forget(self)


class TaskRunner(QObject):
    """Owns the single worker thread. `run()` returns at once; callbacks run on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._active: list[Task[Any]] = []

    @property
    def busy(self) -> bool:
        return bool(self._active)

    def run(
        self,
        job: Job[T],
        *,
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None] | None = None,
        parent: QWidget | None = None,
        label: str = strings.WORKING,
        quiet: bool = False,
    ) -> Task[T]:
        """`quiet`: never show the progress dialog (a page loading in the background shows its own hint)."""
        task: Task[T] = Task(self, parent, label)

        def succeeded(result: object) -> None:
            task.finish()
            on_success(result)  # type: ignore[arg-type]

        def failed(exc: object) -> None:
            task.finish()
            assert isinstance(exc, BaseException)
            if on_failure is not None:
                on_failure(exc)
            elif not isinstance(exc, CancelledError):
                show_error(parent, exc)

        queued = Qt.ConnectionType.QueuedConnection
        task.signals.succeeded.connect(succeeded, queued)
        task.signals.failed.connect(failed, queued)
        self._active.append(task)
        if not quiet:
            task._timer.start()
        self._pool.start(_Runnable(job, task.signals, task.cancel_event))
        return task

    def _forget(self, task: Task[Any]) -> None:
        if task in self._active:
            self._active.remove(task)

    def wait_for_idle(self, timeout_ms: int = 30_000) -> bool:
        """For shutdown and tests: wait until the worker finished (callbacks still need the event loop)."""
        return self._pool.waitForDone(timeout_ms)
