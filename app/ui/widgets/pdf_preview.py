"""A PDF shown inside the app (QtPdf), plus printing it through the system print dialog."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

PRINT_DPI = 300


class PdfPreview(QPdfView):
    """`show_pdf(data)` replaces the shown document; the previous buffer stays alive until then."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]  # None is fine at runtime
        # Not a child of the view: the view's destructor would otherwise delete it mid-destruction and the
        # document's closing statusChanged signal reaches the half-destroyed view (segfault, PySide6 6.x).
        self.pdf = QPdfDocument()
        self._buffer: QBuffer | None = None
        self.setDocument(self.pdf)
        self.setPageMode(QPdfView.PageMode.MultiPage)
        self.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.data = b""

    def show_pdf(self, data: bytes) -> None:
        self.data = data
        buffer = QBuffer()
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(buffer)
        self._buffer = buffer  # the previous buffer is released with its Python reference

    def page_count(self) -> int:
        return int(self.pdf.pageCount())


def load_document(data: bytes) -> tuple[QPdfDocument, QBuffer]:
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document, buffer


def print_pdf(data: bytes, parent: QWidget, title: str) -> bool:
    """System print dialog, then every page rendered at 300 dpi onto the printer. False if cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"打印：{title}")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    document, buffer = load_document(data)
    try:
        painter = QPainter()
        if not painter.begin(printer):
            return False
        try:
            for number in range(document.pageCount()):
                if number:
                    printer.newPage()
                target = painter.viewport()
                points = document.pagePointSize(number)
                size = QSize(round(points.width() / 72 * PRINT_DPI), round(points.height() / 72 * PRINT_DPI))
                image = document.render(number, size)
                fitted = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(target.topLeft(), fitted), image)
        finally:
            painter.end()
    finally:
        document.close()
        buffer.close()
    return True
