"""Render resources/icons/app.svg into installer/app.ico (16, 32, 48, 256 px) for the exe and the installer.

Run after changing the SVG and commit the .ico: `python installer/make_icon.py` (needs Pillow).
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from PIL import Image

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "app.svg"
TARGET = ROOT / "installer" / "app.ico"
SIZES = (16, 32, 48, 256)  # what Explorer, the taskbar and the installer ask for


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"cannot read {SOURCE}", file=sys.stderr)
        return 1
    images = [Image.open(io.BytesIO(render_png(renderer, size))) for size in SIZES]
    largest = images[-1]
    temp = TARGET.with_suffix(".ico.tmp")
    largest.save(temp, format="ICO", sizes=[(size, size) for size in SIZES], append_images=images[:-1])
    temp.replace(TARGET)
    print(f"{TARGET.relative_to(ROOT)}: {', '.join(map(str, SIZES))} px, {TARGET.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
