"""`posting render` and `posting pdf` in a fresh process."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from app.paths import DataPaths
from app.services.context import open_data_folder
from app.services.permissions import SYSTEM
from app.services.postings.types import PostingDraft
from tests.cli.test_cli import run_main


def test_render_without_saving(tmp_path: Path) -> None:
    body = tmp_path / "正文.txt"
    body.write_text("各位村民：\n现将有关事项公示如下。\n序号\t姓名\n1\t张**\n", encoding="utf-8")
    out = tmp_path / "输出" / "公示.pdf"
    result = run_main(
        "--data-dir", str(tmp_path / "数据"), "posting", "render", "--title", "低保公示",
        "--body-file", str(body), "--unit", "赵巷镇人民政府", "--date", "2026-01-05",
        "--period", "2026-11-23", "2026-11-27", "--phone", "021-59750000",
        "--qr", "https://example.gov.cn/a", "--paper", "A3", "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["out"] == str(out.resolve())
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "公示期为2026年11月23日至2026年11月27日" in text and "2026年1月5日" in text
    assert round(float(reader.pages[0].mediabox.height)) == 1191  # A3


def test_render_refusals_exit_2(tmp_path: Path) -> None:
    result = run_main(
        "--data-dir", str(tmp_path / "数据"), "posting", "render", "--title", "公示",
        "--body-file", str(tmp_path / "没有这个文件.txt"), "--out", str(tmp_path / "a.pdf"),
    )  # fmt: skip
    assert result.returncode == 2 and "找不到正文文件" in result.stderr
    body = tmp_path / "b.txt"
    body.write_text("正文", encoding="utf-8")
    result = run_main(
        "--data-dir", str(tmp_path / "数据"), "posting", "render", "--title", "长" * 10_000,
        "--body-file", str(body), "--out", str(tmp_path / "a.pdf"),
    )  # fmt: skip
    assert result.returncode == 2 and "标题太长" in result.stderr
    assert not (tmp_path / "a.pdf").exists()


def test_pdf_of_a_saved_posting(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "数据")
    ctx = open_data_folder(paths)
    try:
        ctx.settings.save_boards(SYSTEM, ["镇政府公开栏"])
        draft = PostingDraft(
            "政策告知", "现将有关政策告知如下。", ("镇政府公开栏",), "5日", date(2026, 11, 23)
        )
        posting = ctx.postings.create(SYSTEM, draft)
    finally:
        ctx.close()
    out = tmp_path / "saved.pdf"
    result = run_main(
        "--data-dir", str(paths.root), "posting", "pdf", "--id", str(posting.id), "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    text = PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()
    assert "政策告知" in text and "公示期为2026年11月23日至2026年11月27日" in text
    missing = run_main("--data-dir", str(paths.root), "posting", "pdf", "--id", "999", "--out", str(out))
    assert missing.returncode == 2 and "找不到编号为 999 的张贴件" in missing.stderr
