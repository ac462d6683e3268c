"""Issue 21 point 8: `python main.py --help` and every subcommand's help are Chinese — argparse's own
"usage:", "options", "positional arguments", "show this help message and exit" and the capitalised
argument names (DATA_DIR) included — and the help texts line up although Chinese takes two columns."""

from __future__ import annotations

import argparse
import re
import unicodedata
from collections.abc import Iterator

import pytest

from app.cli import build_parser

ARGPARSE_ENGLISH = (
    "usage:",
    "options",
    "positional arguments",
    "show this help",
    "show program's",
    "version number",
)
ALLOWED_CAPITALS = {"JSON", "PDF", "UTF", "SHA", "CSV", "ID", "PNG", "GB", "URL", "OCR", "OFD"}


def _helps(parser: argparse.ArgumentParser, path: str = "main.py") -> Iterator[tuple[str, str]]:
    yield path, parser.format_help()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _helps(sub, f"{path} {name}")


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


@pytest.fixture(autouse=True)
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


def test_every_help_is_in_chinese() -> None:
    helps = dict(_helps(build_parser()))
    assert len(helps) > 40  # every command and subcommand
    for path, text in helps.items():
        assert text.startswith("用法："), path
        assert not [word for word in ARGPARSE_ENGLISH if word in text], path
        capitals = set(re.findall(r"\b[A-Z][A-Z_]{2,}\b", text)) - ALLOWED_CAPITALS
        assert not capitals, (path, capitals)  # DATA_DIR, COMMAND, KIND, START …
    main = helps["main.py"]
    assert "-h, --help            显示本帮助并退出" in main and "显示版本号并退出" in main
    assert "--data-dir 文件夹" in main and "位置参数:" in main and "选项:" in main


def test_help_texts_start_in_one_column_and_fit_the_terminal() -> None:
    for path, text in _helps(build_parser()):
        starts = set()
        _usage, _gap, rest = text.partition("\n\n")
        for line in rest.splitlines():
            assert _columns(line) <= 80, (path, line)
            found = re.match(r"^  (-\S.*?\S)  +(\S.*)$", line)
            if found and not line.startswith("   "):
                starts.add(_columns(line) - _columns(found.group(2)))
        assert len(starts) <= 1, (path, starts)
