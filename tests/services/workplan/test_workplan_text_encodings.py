"""A .txt 工作要点 is read by the one decode_text (issue 20), so Notepad's 「Unicode」 (UTF-16) works too."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import UserFacingError
from app.services.workplan.parser import read_plan_file

DATA = Path(__file__).parents[1] / "data"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "gb18030", "utf-8-sig"])
def test_a_plan_saved_by_notepad_in_any_encoding_reads_the_same(tmp_path: Path, encoding: str) -> None:
    text = read_plan_file(DATA / "workplan_zhaoxiang_town_2024.txt")
    saved = tmp_path / "要点.txt"
    saved.write_bytes(text.encode(encoding))
    assert read_plan_file(saved) == text


def test_an_unreadable_text_file_says_how_to_save_it(tmp_path: Path) -> None:
    saved = tmp_path / "要点.txt"
    saved.write_bytes("工作要点".encode() + b"\x80\xff")
    with pytest.raises(UserFacingError, match="另存为"):
        read_plan_file(saved)
