"""Fonts, stylesheet, Chinese Qt translations and locale, applied once at start-up."""

from __future__ import annotations

import logging

from PySide6.QtCore import QDir, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from app.paths import resource_path
from app.services.formats.fonts import bundled_font_path

log = logging.getLogger("zwgk.ui")

WINDOWS_UI_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei", "微软雅黑")
UI_POINT_SIZE = 10
_translators: list[QTranslator] = []


def register_bundled_font() -> str | None:
    font_id = QFontDatabase.addApplicationFont(str(bundled_font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("bundled font could not be registered: %s", bundled_font_path())
        return None
    return families[0]


def choose_ui_font(bundled_family: str | None) -> QFont:
    installed = set(QFontDatabase.families())
    family = next((name for name in WINDOWS_UI_FONTS if name in installed), bundled_family)
    font = QFont(family or QApplication.font().family(), UI_POINT_SIZE)
    if bundled_family:
        font.setFamilies([family or bundled_family, bundled_family])
    return font


def install_chinese_translations(app: QApplication) -> None:
    """Load qtbase_zh_CN explicitly: the clerk's Windows may run an English UI."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _translators.append(translator)


def icon(name: str) -> QIcon:
    return QIcon(str(resource_path("icons", f"{name}.svg")))


def apply_theme(app: QApplication) -> None:
    install_chinese_translations(app)
    app.setFont(choose_ui_font(register_bundled_font()))
    app.setStyle("Fusion")
    QDir.addSearchPath("icons", str(resource_path("icons")))  # the stylesheet's url(icons:…) arrows
    app.setStyleSheet(resource_path("style.qss").read_text(encoding="utf-8"))
    app.setWindowIcon(icon("app"))
