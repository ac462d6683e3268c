"""`--startup-probe`: the time from start to the main window's first paint (issue 24), for `bench`.

The bare-window baseline in app/cli/bench/measure_startup.py watches for the same event, so both figures
end at the same moment: the first QEvent.Paint the top-level window receives.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QWidget

PAINT_WAIT_MS = 30_000  # a window that never paints is a failed probe, not a hung process


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, loop: QEventLoop) -> None:
        super().__init__(window)
        self.painted = False
        self._loop = loop
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            # Leave the loop before anything this paint queued runs (the 工作台 starts its load then).
            # A local loop: QApplication.quit() would also close every window.
            self._loop.quit()
        return False


def show_and_wait_for_first_paint(window: QWidget) -> bool:
    """Show `window` and run the event loop until its first paint; False if none came in time."""
    loop = QEventLoop()
    probe = _FirstPaint(window, loop)
    window.show()
    QTimer.singleShot(PAINT_WAIT_MS, loop.quit)
    if not probe.painted:
        loop.exec()
    window.removeEventFilter(probe)
    probe.deleteLater()
    return probe.painted
