"""Notices when the clock's date changes, so a PC left on overnight is not a day behind (issue 18)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from app.clock import Clock

CHECK_INTERVAL_MS = 60_000  # a minute late after midnight is fine; the check itself costs nothing


class DayWatcher(QObject):
    """Signals: day_changed(date) — the clock's today differs from the last check."""

    day_changed = Signal(object)

    def __init__(
        self, clock: Clock, parent: QObject | None = None, interval_ms: int = CHECK_INTERVAL_MS
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._day = clock.today()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)

    def check(self) -> None:
        today = self._clock.today()
        if today != self._day:
            self._day = today
            self.day_changed.emit(today)
