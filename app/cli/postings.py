"""`posting render` (no record saved) and `posting pdf --id N`: the same renderer the app's preview uses."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.args import day, record_id
from app.cli.common import EXIT_OK, Subcommand, group, opened, print_json
from app.clock import SYSTEM_CLOCK
from app.errors import UserFacingError
from app.paths import DataPaths


def _render_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--title", required=True, help="标题")
    parser.add_argument("--body-file", type=Path, required=True, help="正文文本文件（UTF-8），一行一段")
    parser.add_argument("--unit", default="", help="落款单位")
    parser.add_argument("--date", type=day, help="成文日期，如 2025-09-22（默认今天）")
    parser.add_argument("--period", nargs=2, type=day, metavar=("START", "END"), help="公示期起止日期")
    parser.add_argument("--phone", default="", help="联系电话")
    parser.add_argument("--qr", default="", help="二维码链接（网上公开版本的网址）")
    parser.add_argument("--paper", choices=("A4", "A3"), default="A4", help="纸张（默认 A4）")
    parser.add_argument("--out", type=Path, required=True, help="输出 PDF 文件")


def _saved_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--id", type=record_id, required=True, help="张贴件编号")
    parser.add_argument("--out", type=Path, required=True, help="输出 PDF 文件")


def _read_body(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserFacingError(f"找不到正文文件：{path}，请检查路径。") from None
    for encoding in ("utf-8-sig", "gb18030"):  # Notepad on Chinese Windows may still save GBK
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserFacingError(f"正文文件「{path.name}」不是文本文件，请另存为 UTF-8 编码的 .txt 后重试。")


def _render(_paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.postings.page import Paper, PostingContent
    from app.services.postings.pdf import render_pdf, write_pdf

    content = PostingContent(
        title=args.title,
        body=_read_body(args.body_file),
        unit=args.unit,
        signed_on=args.date or SYSTEM_CLOCK.today(),  # no data folder is opened: the machine's day
        period=tuple(args.period) if args.period else None,
        phone=args.phone,
        qr_url=args.qr,
        paper=Paper(args.paper),
    )
    target = write_pdf(render_pdf(content), args.out.resolve())
    print_json({"out": str(target)}, indent=None)
    return EXIT_OK


def _saved_pdf(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.postings.pdf import render_pdf, write_pdf
    from app.services.postings.service import PostingService

    with opened(paths) as ctx:
        content = PostingService(ctx.sessions, ctx.calendar, ctx.attachments).printable(args.id)
    target = write_pdf(render_pdf(content), args.out.resolve())
    print_json({"id": args.id, "out": str(target)}, indent=None)
    return EXIT_OK


SUBCOMMANDS = {
    "posting": group(
        "公开栏张贴件：按公文格式生成 PDF",
        "posting_command",
        {
            "render": Subcommand("由标题和正文文件直接生成 PDF（不保存记录）", _render_arguments, _render),
            "pdf": Subcommand("为已登记的张贴件生成 PDF", _saved_arguments, _saved_pdf),
        },
    )
}
