"""Register from a file: the fields proposed from real 公文 samples (UTF-8 and GBK text, DOCX)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document as DocxDocument

from app.errors import UserFacingError
from app.services.documents.from_file import propose, propose_from_file

DATA = Path(__file__).parents[1] / "data"
TAIAN = DATA / "notice_taian_finance_2021.txt"


def test_taian_notice_fields() -> None:
    proposal = propose_from_file(TAIAN)
    assert proposal.doc_number == "泰财办〔2021〕2号"
    assert proposal.title == "关于做好新形势下财政工作政务公开的通知"
    assert proposal.publisher == "泰安市财政局"
    assert proposal.written_on == date(2021, 6, 15)
    assert proposal.disclosure == "主动公开"


def test_gbk_text_file(tmp_path: Path) -> None:
    path = tmp_path / "通知.txt"
    path.write_bytes(TAIAN.read_text(encoding="utf-8").encode("gbk"))
    assert propose_from_file(path).doc_number == "泰财办〔2021〕2号"


def test_docx_with_note_marking(tmp_path: Path) -> None:
    document = DocxDocument()
    lines = ["赵府办[2025]第12号", "关于印发《赵巷镇2025年政务公开工作要点》的通知", "各村（居）委会："]
    lines += ["现将工作要点印发给你们。", "赵巷镇人民政府", "2025年3月5日", "（此件公开发布）"]
    for line in lines:
        document.add_paragraph(line)
    path = tmp_path / "要点.docx"
    document.save(str(path))
    proposal = propose_from_file(path)
    assert proposal.doc_number == "赵府办〔2025〕12号"  # corrected to the standard form
    assert proposal.title.startswith("关于印发《赵巷镇2025年政务公开工作要点》")
    assert (proposal.publisher, proposal.written_on, proposal.disclosure) == (
        "赵巷镇人民政府",
        date(2025, 3, 5),
        "主动公开",
    )


def test_withheld_marking_and_impossible_date() -> None:
    proposal = propose("某文〔2024〕3号\n关于内部事项的报告\n正文。\n某局\n2024年2月30日\n（此件不予公开）")
    assert proposal.disclosure == "不予公开" and proposal.written_on is None


def test_unreadable_kinds_are_explained(tmp_path: Path) -> None:
    image = tmp_path / "扫描件.png"
    image.write_bytes(b"\x89PNG")
    with pytest.raises(UserFacingError, match="附件"):
        propose_from_file(image)
    empty = tmp_path / "空.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(UserFacingError, match="手工填写"):
        propose_from_file(empty)
