"""OFD files (GB/T 33190): text in reading order for registering and search; hostile files refused calmly."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from app.errors import UserFacingError
from app.services.context import AppContext
from app.services.documents.from_file import propose_from_file
from app.services.documents.rules import PROACTIVE, DocumentInput
from app.services.formats import ofd
from app.services.formats.ofd import ofd_page_texts
from app.services.formats.text_extract import extract_text
from app.services.permissions import Actor
from tests.fuzz.support import refused_calmly
from tests.services.formats.ofd_fixtures import (
    NS,
    ofd_file,
    ofd_parts,
    red_header_ofd,
    text_object,
    zipped,
)

PAGE_1 = [(28.0, 40.0, "第一页第一行"), (28.0, 50.0, "第一页第二行")]
PAGE_2 = [(28.0, 40.0, "第二页第一行"), (28.0, 50.0, "第二页第二行")]


def _save(tmp_path: Path, data: bytes, name: str = "公文.ofd") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_two_pages_read_in_order_whatever_order_the_file_stores_them(tmp_path: Path) -> None:
    parts = ofd_parts([list(reversed(PAGE_1)), list(reversed(PAGE_2))], layers=2)
    stored_backwards = dict(reversed(list(parts.items())))  # page 2 before page 1, lines bottom-up
    path = _save(tmp_path, zipped(stored_backwards))
    assert ofd_page_texts(path) == ["第一页第一行\n第一页第二行", "第二页第一行\n第二页第二行"]
    assert extract_text(path) == "第一页第一行\n第一页第二行\n第二页第一行\n第二页第二行"


def test_pieces_on_one_line_join_left_to_right_and_a_wide_gap_reads_as_a_space(tmp_path: Path) -> None:
    line = [(120.0, 40.2, "二〇二六年"), (28.0, 40.0, "落款："), (48.0, 39.9, "东湖镇人民政府")]
    path = _save(tmp_path, ofd_file([line]))
    assert ofd_page_texts(path) == ["落款：东湖镇人民政府 二〇二六年"]


def test_template_text_is_read_on_the_pages_that_use_it(tmp_path: Path) -> None:
    footer = [(90.0, 280.0, "东湖镇人民政府办公室")]
    path = _save(tmp_path, ofd_file([PAGE_1, PAGE_2], footer))
    assert [text.splitlines()[-1] for text in ofd_page_texts(path)] == ["东湖镇人民政府办公室"] * 2


def test_text_in_nested_page_blocks_and_gb_encoded_parts_is_read(tmp_path: Path) -> None:
    parts = ofd_parts([[(28.0, 40.0, "占位")]])
    inner = text_object(7, 28.0, 40.0, "嵌套块中的文字")
    nested = f"<ofd:PageBlock><ofd:PageBlock>{inner}</ofd:PageBlock></ofd:PageBlock>"
    page = (
        f'<?xml version="1.0" encoding="GB2312"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content>'
        f'<ofd:Layer ID="9">{nested}</ofd:Layer></ofd:Content></ofd:Page>'
    )
    parts["Doc_0/Pages/Page_0/Content.xml"] = page.encode("gb18030")
    assert ofd_page_texts(_save(tmp_path, zipped(parts))) == ["嵌套块中的文字"]


def test_a_red_header_ofd_proposes_its_own_number_title_and_date(tmp_path: Path) -> None:
    proposal = propose_from_file(_save(tmp_path, red_header_ofd(), "东府发〔2026〕12号.ofd"))
    assert proposal.doc_number == "东府发〔2026〕12号"  # not 县政发〔2025〕3号, quoted in the body
    assert proposal.title == "东湖镇人民政府关于做好冬季防火工作的通知"
    assert proposal.publisher == "东湖镇人民政府"
    assert proposal.written_on == date(2026, 8, 3)
    assert proposal.disclosure == PROACTIVE


def test_search_finds_a_word_that_only_page_two_of_an_ofd_attachment_has(
    tmp_path: Path, office_ctx: AppContext, admin: Actor
) -> None:
    path = _save(tmp_path, red_header_ofd())
    value = DocumentInput(
        "冬季防火通知", "东湖镇人民政府", doc_number="东府发〔2026〕12号", written_on=date(2026, 8, 3)
    )
    detail = office_ctx.documents.create(admin, value, (path,))
    assert [hit.id for hit in office_ctx.documents.search("秸秆禁烧")] == [detail.id]
    assert [hit.id for hit in office_ctx.documents.search("网格")] == [detail.id]  # two characters too


def _bomb() -> bytes:
    parts = ofd_parts([PAGE_1])
    parts["Doc_0/Res/font.ttf"] = b"\0" * (64 << 20)  # deflates about 1000:1
    return zipped(parts)


def _with(change: dict[str, bytes | None]) -> bytes:
    parts = ofd_parts([PAGE_1])
    for name, data in change.items():
        if data is None:
            del parts[name]
        else:
            parts[name] = data
    return zipped(parts)


def _encrypted() -> bytes:
    from tests.fuzz.hostile_zip import encrypted

    return encrypted(ofd_file([PAGE_1]))


DOC_ROOT_OUTSIDE = (
    f'<ofd:OFD xmlns:ofd="{NS}"><ofd:DocBody>'
    "<ofd:DocRoot>../../etc/passwd</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
)
ENTITY_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
    b"<ofd:OFD>&lol2;</ofd:OFD>"
)
HOSTILE = {
    "压缩炸弹": (_bomb, "压缩炸弹"),
    "路径穿越的部件": (lambda: _with({"../../evil.xml": b"x"}), "「..」"),
    "绝对路径的部件": (lambda: _with({"/etc/cron.d/x": b"x"}), "绝对路径"),
    "DocRoot 指向文件之外": (lambda: _with({"OFD.xml": DOC_ROOT_OUTSIDE.encode()}), "Document.xml"),
    "缺少 Document.xml": (lambda: _with({"Doc_0/Document.xml": None}), "Document.xml"),
    "缺少 OFD.xml": (lambda: _with({"OFD.xml": None}), "缺少 OFD.xml"),
    "XML 格式错误": (lambda: _with({"Doc_0/Pages/Page_0/Content.xml": b"<ofd:Page><oops"}), "XML 格式错误"),
    "实体炸弹": (lambda: _with({"OFD.xml": ENTITY_BOMB}), "文档类型声明"),
    "加密": (_encrypted, "加密"),
    "不是 zip": (lambda: "这是一个改了扩展名的文本文件".encode(), "不是 OFD 文件"),
    "被截断": (lambda: ofd_file([PAGE_1])[:200], "不是 OFD 文件"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_or_damaged_ofd_is_refused_calmly(tmp_path: Path, name: str) -> None:
    build, reason = HOSTILE[name]
    path = _save(tmp_path, build())
    with pytest.raises(UserFacingError) as refused:
        ofd_page_texts(path)
    message = refused.value.message
    refused_calmly(refused.value)
    assert message.startswith("无法读取 OFD 文件「公文.ofd」") and reason in message, message
    assert extract_text(path) == ""  # as an attachment it is kept, just without text
    with pytest.raises(UserFacingError):
        propose_from_file(path)
    assert not (tmp_path / "evil.xml").exists() and not Path("/etc/cron.d/x").exists()


def test_a_page_pointing_outside_the_file_is_read_as_empty_not_followed(tmp_path: Path) -> None:
    parts = ofd_parts([PAGE_1, PAGE_2])
    document = parts["Doc_0/Document.xml"].decode().replace("Pages/Page_1/Content.xml", "../../../etc/passwd")
    parts["Doc_0/Document.xml"] = document.encode()
    assert ofd_page_texts(_save(tmp_path, zipped(parts))) == ["第一页第一行\n第一页第二行", ""]


def test_a_missing_file_says_where_it_was_looked_for(tmp_path: Path) -> None:
    with pytest.raises(UserFacingError, match="找不到文件"):
        ofd_page_texts(tmp_path / "不在了.ofd")


def test_an_ofd_without_text_asks_for_manual_entry(tmp_path: Path) -> None:
    path = _save(tmp_path, ofd_file([[]]))  # a scan saved as OFD: images only
    assert zipfile.is_zipfile(path) and ofd_page_texts(path) == [""]
    with pytest.raises(UserFacingError, match="没有从「公文.ofd」中读到文字"):
        propose_from_file(path)


def test_one_page_listed_over_and_over_is_refused_like_a_bomb(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ofd, "MAX_UNPACKED_BYTES", 1 << 20)  # the same rule at 1 MB, so the test is quick
    parts = ofd_parts([[(28.0, 40.0 + line * 0.01, "重复的文字" * 20) for line in range(300)]])
    assert 100_000 < len(parts["Doc_0/Pages/Page_0/Content.xml"]) < 1 << 20
    same_page = '<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>' * 40
    document = parts["Doc_0/Document.xml"].decode()
    parts["Doc_0/Document.xml"] = document.replace("<ofd:Pages>", f"<ofd:Pages>{same_page}").encode()
    with pytest.raises(UserFacingError, match="被反复引用"):
        ofd_page_texts(_save(tmp_path, zipped(parts)))
