"""`document from-file FILE [--save] --json` (issue 22): the proposed fields under their Chinese names,
the whole text, and with --save the same registration as 「从文件登记…」."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.common import opened
from app.paths import DataPaths
from app.services.documents.query import DocumentFilter
from tests.cli.test_office import OFFICE, run
from tests.services.documents.test_red_header import NOISY_SCAN
from tests.services.scans import fixtures


@pytest.fixture
def scan_text(tmp_path: Path) -> Path:
    path = tmp_path / "森林防火通知.txt"
    path.write_text(NOISY_SCAN, encoding="utf-8")
    return path


def test_prints_the_proposed_fields_without_saving(
    capsys: pytest.CaptureFixture[str], data_paths: DataPaths, scan_text: Path
) -> None:
    code, out, err = run(capsys, data_paths, "document", "from-file", str(scan_text), "--json")
    assert code == 0, err
    fields = json.loads(out)
    assert fields["发文机关"] == "赵巷镇人民政府"
    assert fields["文号"] == "赵府发〔2026〕12号"  # not the 青府办发〔2026〕7号 the body quotes
    assert fields["标题"] == "关于做好2026年秋冬季森林防火工作的通知"
    assert fields["主送"] == "各村（居）委会、镇属各单位"
    assert fields["成文日期"] == "2026-08-03"
    assert "严防野外用火" in fields["text"]
    assert "索引号" not in fields
    code, out, err = run(capsys, data_paths, "search", "严防野外", "--json")
    assert code == 0 and json.loads(out) == []  # nothing registered


def test_save_registers_it_and_its_text_is_searchable(
    capsys: pytest.CaptureFixture[str], data_paths: DataPaths, scan_text: Path
) -> None:
    assert run(capsys, data_paths, "office", "set", *OFFICE)[0] == 0
    code, out, err = run(capsys, data_paths, "document", "from-file", str(scan_text), "--save", "--json")
    assert code == 0, err
    saved = json.loads(out)
    assert saved["索引号"] and saved["公开属性"] == "主动公开"
    with opened(data_paths) as ctx:  # the 红头's 发文机关 and the 主送 are stored, not just printed
        (row,) = ctx.documents.page(DocumentFilter(), 0, 5)
        stored = ctx.documents.detail(row.id).values
    assert (stored.issuer, stored.addressee) == ("赵巷镇人民政府", "各村（居）委会、镇属各单位")
    code, out, err = run(capsys, data_paths, "search", "严防野外", "--json")  # a phrase from page 2
    assert code == 0, err
    assert [(hit["索引号"], hit["文号"]) for hit in json.loads(out)] == [
        (saved["索引号"], "赵府发〔2026〕12号")
    ]


def test_plain_output_names_what_was_not_read(
    capsys: pytest.CaptureFixture[str], data_paths: DataPaths, tmp_path: Path
) -> None:
    path = tmp_path / "便条.txt"
    path.write_text("请于周五前报送材料。\n", encoding="utf-8")
    code, out, _err = run(capsys, data_paths, "document", "from-file", str(path))
    assert code == 0
    assert "文号：（未读出）" in out and "未登记" in out


def test_refusals_are_one_chinese_line(
    capsys: pytest.CaptureFixture[str], data_paths: DataPaths, tmp_path: Path
) -> None:
    code, _out, err = run(capsys, data_paths, "document", "from-file", str(tmp_path / "没有.txt"), "--json")
    assert code == 2 and "找不到文件" in err
    empty = tmp_path / "空白.pdf"
    empty.write_bytes(b"")
    code, _out, err = run(capsys, data_paths, "document", "from-file", str(empty))
    assert code == 2 and "「空白.pdf」" in err and "手工填写" in err and "Traceback" not in err
    saved = tmp_path / "无单位.txt"
    saved.write_text(NOISY_SCAN, encoding="utf-8")
    code, _out, err = run(capsys, data_paths, "document", "from-file", str(saved), "--save")
    assert code == 2 and "机构代码" in err  # no office yet: nothing half-registered


def test_a_pdf_reports_each_pages_text(
    capsys: pytest.CaptureFixture[str], data_paths: DataPaths, tmp_path: Path
) -> None:
    notice = fixtures.notice_pdf(tmp_path / "通知.pdf")
    code, out, err = run(capsys, data_paths, "document", "from-file", str(notice), "--json")
    assert code == 0, err
    fields = json.loads(out)
    assert (fields["发文机关"], fields["文号"], fields["成文日期"]) == (
        fixtures.ORGAN,
        fixtures.DOC_NUMBER,
        "2026-08-03",
    )
    assert fields["标题"] == fixtures.TITLE
    assert [page["page"] for page in fields["pages"]] == [1, 2]
    assert fixtures.PAGE_TWO_PHRASE in fields["pages"][1]["text"]
    assert fixtures.PAGE_TWO_PHRASE not in fields["pages"][0]["text"]
    assert "\f" not in fields["text"] and fixtures.PAGE_TWO_PHRASE in fields["text"]


def test_a_photo_is_read_by_ocr(
    capsys: pytest.CaptureFixture[str],
    data_paths: DataPaths,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The command wires the offline OCR (app/services/scans) in; a stand-in engine keeps this test fast."""
    from app.services.documents import from_file
    from app.services.scans.read import PageText

    first, second = NOISY_SCAN.split("-2-")
    read: list[Path] = []

    def read_pages(path: Path, _progress: object, _cancelled: object) -> list[PageText]:
        read.append(path)
        return [PageText(1, first, "ocr"), PageText(2, second, "ocr")]

    monkeypatch.setattr(from_file, "read_pages", read_pages)
    photo = tmp_path / "手机拍照.jpg"
    photo.write_bytes(b"\xff\xd8\xff")  # the stand-in engine never opens it
    code, out, err = run(capsys, data_paths, "document", "from-file", str(photo), "--json")
    assert code == 0, err
    fields = json.loads(out)
    assert (fields["文号"], fields["成文日期"]) == ("赵府发〔2026〕12号", "2026-08-03")
    assert "严防野外用火" in fields["pages"][1]["text"]
    assert read == [photo.resolve()]


@pytest.mark.slow
def test_a_saved_scan_is_found_by_a_phrase_from_its_second_page(
    capsys: pytest.CaptureFixture[str], data_paths: DataPaths, tmp_path: Path
) -> None:
    """Issue 22 "Done when": the noisy two-page scan, registered from the command line, through real OCR."""
    files = fixtures.make_scan_files(tmp_path)
    assert run(capsys, data_paths, "office", "set", *OFFICE)[0] == 0
    code, out, err = run(capsys, data_paths, "document", "from-file", str(files.scan_pdf), "--save", "--json")
    assert code == 0, err
    number = json.loads(out)["索引号"]
    code, out, err = run(capsys, data_paths, "search", fixtures.PAGE_TWO_PHRASE, "--json")
    assert code == 0, err
    assert [(hit["索引号"], hit["page"]) for hit in json.loads(out)] == [(number, 2)]


def test_search_names_the_page_of_a_saved_pdf_the_phrase_is_on(
    capsys: pytest.CaptureFixture[str], data_paths: DataPaths, tmp_path: Path
) -> None:
    assert run(capsys, data_paths, "office", "set", *OFFICE)[0] == 0
    notice = fixtures.notice_pdf(tmp_path / "通知.pdf")
    assert run(capsys, data_paths, "document", "from-file", str(notice), "--save")[0] == 0
    code, out, err = run(capsys, data_paths, "search", fixtures.PAGE_TWO_PHRASE, "--json")
    assert code == 0, err
    assert [hit["page"] for hit in json.loads(out)] == [2]
    code, out, err = run(capsys, data_paths, "search", fixtures.PAGE_TWO_PHRASE)
    assert code == 0 and f"{fixtures.TITLE}（扫描件第 2 页）" in out
