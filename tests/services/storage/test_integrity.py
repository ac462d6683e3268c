from __future__ import annotations

from pathlib import Path

from app.services.context import AppContext
from app.services.storage.integrity import run_check


def test_check_ok_then_detects_altered_and_missing_files(ctx: AppContext, tmp_path: Path) -> None:
    first, second = tmp_path / "一.txt", tmp_path / "二.txt"
    first.write_text("第一份", encoding="utf-8")
    second.write_text("第二份", encoding="utf-8")
    a = ctx.attachments.add_file(first)
    b = ctx.attachments.add_file(second)
    report = run_check(ctx.sessions, ctx.attachments)
    assert report.ok and report.attachments_checked == 2 and report.integrity == ["ok"]

    ctx.attachments.path_of(a.sha256).write_text("被改过", encoding="utf-8")
    ctx.attachments.path_of(b.sha256).unlink()
    report = run_check(ctx.sessions, ctx.attachments)
    assert not report.ok
    assert {(p.attachment_id, p.problem) for p in report.attachment_problems} == {
        (a.id, "altered"),
        (b.id, "missing"),
    }


def test_same_content_is_stored_once(ctx: AppContext, tmp_path: Path) -> None:
    one, two = tmp_path / "x.pdf", tmp_path / "y.pdf"
    one.write_bytes(b"%PDF same")
    two.write_bytes(b"%PDF same")
    first, second = ctx.attachments.add_file(one), ctx.attachments.add_file(two)
    assert first.sha256 == second.sha256 and first.id != second.id
    assert second.original_name == "y.pdf" and second.media_type == "application/pdf"
    assert len(list(ctx.attachments.root.glob("??/*"))) == 1
    assert not list(ctx.attachments.root.glob(".incoming-*"))


def test_original_name_is_kept_without_folders(ctx: AppContext, tmp_path: Path) -> None:
    source = tmp_path / "f.txt"
    source.write_text("x", encoding="utf-8")
    info = ctx.attachments.add_file(source, "..\\..\\" + "很长的名字" * 100 + ".docx")
    assert "\\" not in info.original_name and "/" not in info.original_name
    assert len(info.original_name) <= 255 and info.original_name.endswith(".docx")
