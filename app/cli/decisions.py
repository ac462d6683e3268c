"""`decisions …` subcommands: list a year's 重大行政决策事项目录, export it, show what is due."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.args import day, year
from app.cli.ledgers import register_importer
from app.errors import UserFacingError
from app.paths import DataPaths

if TYPE_CHECKING:
    from app.services.decisions.service import DecisionService

EXIT_OK = 0


def add_decisions_commands(commands: Any) -> None:
    """Register `decisions` on the main parser's subparsers object."""
    decisions = commands.add_parser("decisions", help="重大行政决策事项目录：列出、导出、到期提醒")
    sub = decisions.add_subparsers(dest="decisions_command", metavar="SUBCOMMAND", required=True)
    listing = sub.add_parser("list", help="列出某年的目录事项和每项缺少的环节")
    listing.add_argument("--year", type=year, required=True, help="年度，如 2025")
    listing.add_argument("--json", action="store_true", help="输出 JSON")
    export = sub.add_parser("export", help="导出目录为 .docx（公文格式）或 .xlsx")
    export.add_argument("--year", type=year, required=True)
    export.add_argument("--out", type=Path, required=True, help="输出文件，.docx 或 .xlsx")
    alerts = sub.add_parser("alerts", help="目录公布、意见采纳反馈和缺少环节的提醒（JSON）")
    alerts.add_argument("--today", type=day, help="按哪一天计算（默认今天）")


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def cmd_decisions(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.context import open_data_folder

    ctx = open_data_folder(paths)
    try:
        service = ctx.decisions
        if args.decisions_command == "list":
            return _list(service, args)
        if args.decisions_command == "export":
            return _export(service, args)
        today = args.today or ctx.clock.today()
        _print_json([asdict(alert) | {"urgency": alert.urgency.name} for alert in service.alerts(today)])
        return EXIT_OK
    finally:
        ctx.close()


def _list(service: DecisionService, args: argparse.Namespace) -> int:
    info = service.directory(args.year)
    if info is None:
        raise UserFacingError(f"还没有{args.year}年的决策事项目录。")
    rows: list[dict[str, Any]] = []
    for item in info.items:
        record = service.process.record(item.id)
        rows.append(
            {
                "seq": item.seq,
                "name": item.name,
                "subject": item.subject,
                "undertaker": item.undertaker,
                "procedures": item.procedures.labels(),
                "planned_on": item.planned_on,
                "status": item.status.value,
                "published": record.published,
                "missing": [stage.value for stage in record.missing],
                "feedback_due": record.feedback_due,
            }
        )
    data = {
        "year": info.year,
        "status": info.status.value,
        "published_on": info.published_on,
        "due": info.due,
        "items": rows,
    }
    if args.json:
        _print_json(data)
        return EXIT_OK
    shown = f"，{info.published_on} 公布" if info.published_on else f"，应于 {info.due} 前公布"
    print(f"{info.year}年重大行政决策事项目录（{info.status.value}{shown}）")
    for row in rows:
        missing = "、".join(row["missing"]) or "无"
        print(f"{row['seq']:>3}. {row['name']}（{row['status']}；计划 {row['planned_on']}；缺少：{missing}）")
    return EXIT_OK


def _export(service: DecisionService, args: argparse.Namespace) -> int:
    from app.cli import CLI_ACTOR

    out = args.out.resolve()
    suffix = out.suffix.lower()
    if suffix == ".docx":
        service.export_docx(CLI_ACTOR, args.year, out)
    elif suffix == ".xlsx":
        service.export_xlsx(CLI_ACTOR, args.year, out)
    else:
        raise UserFacingError("导出文件请以 .docx 或 .xlsx 结尾。")
    _print_json({"year": args.year, "file": str(out)})
    return EXIT_OK


def import_decisions(paths: DataPaths, args: argparse.Namespace) -> int:
    """`import decisions FILE.xlsx [--json]`: the columns `decisions export --out F.xlsx` writes."""
    from app.cli import CLI_ACTOR
    from app.services.context import open_data_folder

    if args.file.suffix.lower() != ".xlsx":
        raise UserFacingError(f"「{args.file.name}」不是 .xlsx 文件，请使用 Excel 工作簿。")
    ctx = open_data_folder(paths)
    try:
        report = ctx.decisions.imports.import_file(CLI_ACTOR, args.file.resolve())
    finally:
        ctx.close()
    rejected = [row.message() for row in report.rejected]
    if args.json:
        _print_json({"accepted": report.accepted, "rejected": rejected})
    else:
        print("\n".join([report.summary(), *rejected]))
    return EXIT_OK


register_importer("decisions", "重大行政决策事项目录", import_decisions)
