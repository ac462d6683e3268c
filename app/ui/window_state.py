"""The window as the clerk left it: its size and place, and on each page the splitter positions and the
column widths of the tables, kept in the data folder's `window.ini` (QSettings, ini format).

Per data folder rather than in the registry: the layout goes with the work it shows, tests and a second
data folder never share it, and it never enters the database or its backups.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter, QTableView, QWidget

FILE_NAME = "window.ini"
MIN_COLUMN = 24  # a column narrower than this was squeezed by accident: not restored


def _own(page: QWidget, kind: type[QSplitter] | type[QTableView]) -> list[QWidget]:
    """The page's own splitters or tables, in creation order; not those of its dialogs (own windows)."""
    return [widget for widget in page.findChildren(kind) if widget.window() is page.window()]


class WindowState:
    def __init__(self, folder: Path) -> None:
        self._store = QSettings(str(folder / FILE_NAME), QSettings.Format.IniFormat)

    def restore_window(self, window: QMainWindow) -> bool:
        geometry = self._store.value("window/geometry")
        return isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)

    def save_window(self, window: QMainWindow, pages: dict[str, QWidget]) -> None:
        self._store.setValue("window/geometry", window.saveGeometry())
        for key, page in pages.items():
            self.save_page(key, page)
        self._store.sync()

    def restore_page(self, key: str, page: QWidget) -> None:
        for number, splitter in enumerate(_own(page, QSplitter)):
            state = self._store.value(f"{key}/splitter{number}")
            if isinstance(splitter, QSplitter) and isinstance(state, QByteArray):
                splitter.restoreState(state)
        for number, table in enumerate(_own(page, QTableView)):
            widths = _widths(self._store.value(f"{key}/table{number}"))
            header = table.horizontalHeader() if isinstance(table, QTableView) else None
            if header is None or len(widths) != header.count():
                continue  # the table has other columns now (a new version): its defaults stand
            last = header.count() - 1 if header.stretchLastSection() else -1
            for column, width in enumerate(widths):
                dragged = header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive
                if dragged and column != last and width >= MIN_COLUMN and not header.isSectionHidden(column):
                    header.resizeSection(column, width)  # only those the clerk can drag

    def save_page(self, key: str, page: QWidget) -> None:
        for number, splitter in enumerate(_own(page, QSplitter)):
            if isinstance(splitter, QSplitter):
                self._store.setValue(f"{key}/splitter{number}", splitter.saveState())
        for number, table in enumerate(_own(page, QTableView)):
            if isinstance(table, QTableView):
                header = table.horizontalHeader()
                widths = [str(header.sectionSize(column)) for column in range(header.count())]
                self._store.setValue(f"{key}/table{number}", ",".join(widths))


def _widths(value: object) -> list[int]:
    if not isinstance(value, str) or not value:
        return []
    try:
        return [int(part) for part in value.split(",")]
    except ValueError:  # edited by hand: the defaults stand
        return []
