from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from app.errors import CancelledError, UserFacingError
from app.services.context import AppContext
from app.services.export.catalogue.base import CatalogueItem
from app.services.export.service import ExportMode, OptionalPart
from app.services.export.verify import verify_package
from app.services.formats.xlsx import read_rows
from app.services.formats.zips import WINDOWS_RESERVED
from app.services.permissions import Actor
from tests.services.export_support import demo_items, make_item, service

T1, T2 = datetime(2025, 4, 1, 10, 0, 0), datetime(2025, 4, 2, 11, 30, 0)


def _entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def test_package_layout_catalogue_and_verify(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    items = demo_items(office_ctx, tmp_path)
    result = service(office_ctx, items).build(admin, tmp_path / "上报" / "数据包", now=T1)
    assert result.file.name == "数据包.zip" and result.items == 4 and result.files == 4
    entries = _entries(result.file)
    names = list(entries)
    assert names[:2] == ["manifest.json", "信息目录.xlsx"] and names[-1] == "SHA256SUMS"
    files = [name for name in names if name.startswith("files/")]
    assert len(files) == 4
    for name in files:
        base = name.removeprefix("files/")
        assert "/" not in base and "\\" not in base and ".." not in base
        assert base.split(".")[0].upper() not in WINDOWS_RESERVED and len(base.encode()) <= 180
    manifest = json.loads(entries["manifest.json"])
    assert manifest["office"] == {"name": "测试镇人民政府", "org_code": "11320000TEST0001X"}
    assert manifest["schema_version"] == 1 and manifest["created_at"] == "2025-04-01T10:00:00"
    first = manifest["items"][0]
    assert first["index_no"] == "11320000TEST0001X/2025-00001" and first["doc_no"] == "赵府办〔2025〕12号"
    assert first["created"] == "2025-03-01" and first["topic"] == "综合政务\\政务公开"
    assert entries[first["files"][0]["path"]] == b"%PDF-1.4 gongkai"
    # Already-compressed files are stored, text is deflated.
    with zipfile.ZipFile(result.file) as archive:
        assert archive.getinfo(first["files"][0]["path"]).compress_type == zipfile.ZIP_STORED
        assert archive.getinfo("manifest.json").compress_type == zipfile.ZIP_DEFLATED
    sheet = tmp_path / "目录.xlsx"
    sheet.write_bytes(entries["信息目录.xlsx"])
    rows = read_rows(sheet, ["索引号", "名称", "文号", "主题分类", "公开方式"], required=["索引号"])
    assert [row.values["文号"] for row in rows][:2] == ["赵府办〔2025〕12号", "赵府发〔2025〕3号"]
    assert rows[0].values["公开方式"] == "政府网站、政务公开栏"
    sums = entries["SHA256SUMS"].decode().splitlines()
    assert len(sums) == len(names) - 1
    report = verify_package(result.file)
    assert report.ok, report.problems
    assert report.items == 4 and report.office == "测试镇人民政府"
    history = service(office_ctx, items).history()
    assert [(h.items, h.mode) for h in history] == [(4, "全部")]
    exported = service(office_ctx, items).items_of(history[0].id)
    assert [e.index_no for e in exported] == [i.index_no for i in items]


def test_altering_one_byte_makes_verify_name_that_file(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    result = service(office_ctx, demo_items(office_ctx, tmp_path)).build(admin, tmp_path / "p.zip", now=T1)
    entries = _entries(result.file)
    target = next(name for name in entries if name.endswith("春耕.docx"))
    # A rewritten entry with a consistent zip CRC: only the SHA-256 can tell.
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(tampered, "w") as archive:
        for name, data in entries.items():
            if name == target:
                data = bytes([data[0] ^ 1]) + data[1:]
            archive.writestr(name, data)
    report = verify_package(tampered)
    assert not report.ok
    assert {p.entry for p in report.problems} == {target}
    assert any("SHA-256" in p.problem for p in report.problems)
    # One byte flipped in place: the zip's own CRC fails and the entry is named.
    raw = bytearray(result.file.read_bytes())
    offset = raw.index(b"PK docx body")
    raw[offset + 3] ^= 0xFF
    flipped = tmp_path / "flipped.zip"
    flipped.write_bytes(bytes(raw))
    assert {p.entry for p in verify_package(flipped).problems} == {target}


def test_repeat_export_is_byte_identical_except_creation_time(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    items = demo_items(office_ctx, tmp_path)
    one = service(office_ctx, items).build(admin, tmp_path / "一.zip", now=T1)
    two = service(office_ctx, items).build(admin, tmp_path / "二.zip", now=T2)
    first, second = _entries(one.file), _entries(two.file)
    assert list(first) == list(second)
    for name in first:
        if name not in ("manifest.json", "SHA256SUMS"):
            assert first[name] == second[name], name
    m1, m2 = json.loads(first["manifest.json"]), json.loads(second["manifest.json"])
    assert m1.pop("created_at") != m2.pop("created_at")
    # The audit log's head (issue 19 §5) moves on between the two: each export is logged.
    assert m1.pop("audit_head")["entries"] < m2.pop("audit_head")["entries"]
    assert m1 == m2
    three = service(office_ctx, items).build(admin, tmp_path / "三.zip", now=T1)
    assert _content(three.file) == _content(one.file), "same data, same time: the same content"


def _content(package: Path) -> dict[str, object]:
    """Every entry but the audit log's head, which each export moves on (and the sums over it)."""
    entries = _entries(package)
    manifest = json.loads(entries.pop("manifest.json"))
    manifest.pop("audit_head")
    entries.pop("SHA256SUMS")
    return {**entries, "manifest.json": manifest}


def test_big_files_are_streamed_into_the_same_bytes(
    office_ctx: AppContext, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Small attachments are read in one piece, big ones in chunks: the package is the same either way."""
    from app.services.export import zip_writer as export_zip

    items = demo_items(office_ctx, tmp_path)
    items.append(
        make_item(office_ctx, tmp_path, 5, "", "大附件", "大.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 9000)
    )
    whole = service(office_ctx, items).build(admin, tmp_path / "whole.zip", now=T1)
    monkeypatch.setattr(export_zip, "WHOLE_FILE", 1000)
    monkeypatch.setattr(export_zip, "CHUNK", 4096)  # the big one crosses many chunk boundaries
    streamed = service(office_ctx, items).build(admin, tmp_path / "streamed.zip", now=T1)
    assert _content(streamed.file) == _content(whole.file)
    assert verify_package(streamed.file).ok


def test_incremental_export_carries_only_new_or_changed_items(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    items = demo_items(office_ctx, tmp_path)
    service(office_ctx, items).build(admin, tmp_path / "full.zip", now=T1)
    with pytest.raises(UserFacingError, match="没有新增或修改"):
        service(office_ctx, items).build(admin, tmp_path / "none.zip", ExportMode.SINCE_LAST, now=T2)
    assert not (tmp_path / "none.zip").exists()
    changed = [*items[:3], replace(items[3], title="赵巷镇最低生活保障对象动态管理办法（修订）")]
    new = make_item(office_ctx, tmp_path, 5, "赵府发〔2025〕9号", "新增的通知", "新.pdf", b"%PDF new")
    svc = service(office_ctx, [*changed, new])
    plan = svc.preview(admin, ExportMode.SINCE_LAST, now=T2)
    assert [i.item_id for i in plan.items] == [4, 5] and plan.unchanged == 3
    result = svc.build(admin, tmp_path / "inc.zip", ExportMode.SINCE_LAST, now=T2)
    manifest = json.loads(_entries(result.file)["manifest.json"])
    assert manifest["mode"] == "增量" and manifest["since"] == "2025-04-01T10:00:00"
    assert [i["title"] for i in manifest["items"]][0].endswith("（修订）")
    history = svc.history()
    assert [h.items for h in history] == [2, 4]
    assert [e.item_id for e in svc.items_of(history[0].id)] == [4, 5]
    dated = svc.preview(admin, ExportMode.SINCE_DATE, since=datetime(2025, 3, 3))
    assert [i.item_id for i in dated.items] == [3, 4, 5]


def test_only_reviewed_proactive_items_without_personal_data_leave(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    good = demo_items(office_ctx, tmp_path)[:2]
    on_request = replace(good[0], item_id=11, index_no="X/2025-00011", disclosure="依申请公开")
    withheld = replace(good[0], item_id=12, index_no="X/2025-00012", disclosure="不予公开")
    answer = replace(good[0], kind="request_release", item_id=13, index_no="X/2025-00013")
    personal = replace(good[0], item_id=14, index_no="X/2025-00014", summary="申请人 310101199001011234")
    phone = replace(good[0], item_id=15, index_no="X/2025-00015", title="联系 13812345678")
    unreviewed = replace(good[1], item_id=16, index_no="X/2025-00016")

    def gate(_session: object, item: CatalogueItem, _moment: datetime) -> str | None:
        return "还没有保密审查单" if item.item_id == 16 else None

    items = [*good, on_request, withheld, answer, personal, phone, unreviewed]
    svc = service(office_ctx, items, gate)
    plan = svc.preview(admin, ExportMode.FULL)
    assert [i.item_id for i in plan.items] == [1, 2]
    reasons = {left.item_id: left.reason for left in plan.left_out}
    assert set(reasons) == {11, 12, 13, 14, 15, 16}
    assert "依申请公开" in reasons[11] and "不予公开" in reasons[12] and "申请人" in reasons[13]
    assert "身份证号" in reasons[14] and "手机号码" in reasons[15] and "保密审查单" in reasons[16]
    result = svc.build(admin, tmp_path / "p.zip")
    indexes = [i["index_no"] for i in json.loads(_entries(result.file)["manifest.json"])["items"]]
    assert indexes == [good[0].index_no, good[1].index_no]


def test_real_gate_refuses_a_document_without_an_approved_review(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    from app.services.export.catalogue.base import StaticSource
    from app.services.export.service import ExportService

    item = demo_items(office_ctx, tmp_path)[0]
    svc = ExportService(
        office_ctx.sessions, office_ctx.attachments, office_ctx.settings, StaticSource((item,))
    )
    plan = svc.preview(admin, ExportMode.FULL)
    assert not plan.items and "保密审查单" in plan.left_out[0].reason
    with pytest.raises(UserFacingError, match="未通过上报条件"):
        svc.build(admin, tmp_path / "p.zip")


def test_cancel_leaves_no_partial_file_and_no_history(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    items = demo_items(office_ctx, tmp_path)
    calls: list[int] = []
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(CancelledError):
        service(office_ctx, items).build(
            admin, out / "p.zip", is_cancelled=lambda: bool(calls.append(1)) or len(calls) > 2
        )
    assert list(out.iterdir()) == []
    assert service(office_ctx, items).history() == []


def test_damaged_stored_attachment_is_not_shipped(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    items = demo_items(office_ctx, tmp_path)
    office_ctx.attachments.path_of(items[1].files[0].sha256).write_bytes(b"PK docx bodY")
    with pytest.raises(UserFacingError, match="春耕.docx.*校验值不符"):
        service(office_ctx, items).build(admin, tmp_path / "p.zip")
    assert not (tmp_path / "p.zip").exists() and not list(tmp_path.glob(".*partial"))


def test_optional_parts_are_listed_and_verified(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    def report(folder: Path) -> Path:
        target = folder / "2025年政府信息公开工作年度报告.docx"
        target.write_bytes(b"PK fake docx")
        return target

    svc = service(office_ctx, demo_items(office_ctx, tmp_path))
    svc.parts = (OptionalPart("annual_report", "年度报告", report),)
    result = svc.build(admin, tmp_path / "p.zip", parts=["annual_report"])
    manifest = json.loads(_entries(result.file)["manifest.json"])
    assert manifest["parts"][0]["path"] == "extras/2025年政府信息公开工作年度报告.docx"
    assert result.parts == ("annual_report",) and verify_package(result.file).ok


def test_no_office_means_a_clear_message(ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    with pytest.raises(UserFacingError, match="单位名称和机构代码"):
        service(ctx, demo_items(ctx, tmp_path)).build(admin, tmp_path / "p.zip")


def test_demo_register_feeds_the_package_through_the_gate(ctx: AppContext, tmp_path: Path) -> None:
    from app.services.demo.seed_demo import demo_actor, seed_demo

    seed_demo(ctx)
    actor = demo_actor(ctx)
    plan = ctx.exports.preview(actor, ExportMode.FULL)
    assert plan.items and all(item.published and item.disclosure == "主动公开" for item in plan.items)
    assert all(left.reason for left in plan.left_out)
    result = ctx.exports.build(actor, tmp_path / "demo.zip")
    assert verify_package(result.file).ok
    assert [h.items for h in ctx.exports.history()] == [len(plan.items)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("CON.txt", "_CON.txt"),
        ("lpt1", "_lpt1"),
        ("../../etc/passwd", "___etc_passwd"),
        ('a<b>c:d"e|f?g*h.pdf', "a_b_c_d_e_f_g_h.pdf"),
        ("..", "附件"),
        ("  报告. ", "报告"),
    ],
)
def test_safe_file_names(name: str, expected: str) -> None:
    from app.services.formats.zips import safe_file_name

    assert safe_file_name(name, set()) == expected


def test_safe_names_are_unique_and_length_limited() -> None:
    from app.services.formats.zips import MAX_NAME_BYTES, safe_file_name

    taken: set[str] = set()
    names = [
        safe_file_name("通知.pdf", taken),
        safe_file_name("通知.PDF", taken),
        safe_file_name("通知.pdf", taken),
    ]
    assert names == ["通知.pdf", "通知~2.PDF", "通知~3.pdf"]
    long = safe_file_name("长" * 400 + ".docx", taken)
    assert long.endswith(".docx") and len(long.encode()) <= MAX_NAME_BYTES
