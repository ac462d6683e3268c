"""Issue 20: what is logged reaches the log file — every module's logger and Qt's own warnings."""

from __future__ import annotations

import ast
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import qInstallMessageHandler, qWarning

from app.log import ROOT, get_logger, setup_logging
from app.services.formats.fonts import FontRole, register_pdf_font
from app.ui.qt_messages import install_qt_message_handler

APP = Path(__file__).resolve().parents[1] / "app"


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """setup_logging as the program calls it; the file handler is taken off again afterwards."""
    root = logging.getLogger(ROOT)
    level, before = root.level, list(root.handlers)
    path = tmp_path / "logs" / "zwgk.log"
    setup_logging(path)
    yield path
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def test_a_font_that_cannot_be_used_for_pdf_is_written_to_the_log(log_file: Path, tmp_path: Path) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "simfang.ttf").write_bytes(b"\x00\x01\x00\x00" + b"not really a font" * 8)  # TrueType magic only
    assert register_pdf_font(FontRole.FANGSONG, [fonts])  # falls back to the bundled font
    text = log_file.read_text(encoding="utf-8")
    assert "WARNING zwgk.services.formats.fonts:" in text and "simfang.ttf 无法用于 PDF" in text


@pytest.mark.no_qt_log  # pytest-qt would otherwise take the message (and fail the test on a warning)
def test_a_qt_warning_is_written_to_the_log(log_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    previous = install_qt_message_handler()
    try:
        qWarning("QFont::fromString: 无效的字体描述")
    finally:
        qInstallMessageHandler(previous)
    assert "WARNING zwgk.qt: QFont::fromString: 无效的字体描述" in log_file.read_text(encoding="utf-8")
    assert "无效的字体描述" in capsys.readouterr().err  # still on the console, as before, when there is one


def test_get_logger_puts_a_module_under_the_file_logger() -> None:
    assert get_logger("app.services.formats.fonts").name == "zwgk.services.formats.fonts"
    assert get_logger("__main__").name == "zwgk.__main__"


def _logger_names(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, how the name is given) of every logging.getLogger(...) call."""
    for node in ast.walk(tree):
        called = getattr(node, "func", None)
        if isinstance(node, ast.Call) and getattr(called, "attr", getattr(called, "id", "")) == "getLogger":
            arg = node.args[0] if node.args else None
            given = arg.value if isinstance(arg, ast.Constant) else ast.unparse(arg) if arg else "<root>"
            yield node.lineno, str(given)


def test_every_module_logs_under_zwgk() -> None:
    """getLogger(__name__) would log under `app`, where no handler is: use get_logger(__name__)."""
    outside = [
        f"{path.relative_to(APP.parent)}:{line} getLogger({given})"
        for path in sorted(APP.rglob("*.py"))
        if path != APP / "log.py" and "migrations" not in path.parts
        for line, given in _logger_names(ast.parse(path.read_text(encoding="utf-8")))
        if not (given == ROOT or given.startswith(f"{ROOT}."))
    ]
    assert outside == []
