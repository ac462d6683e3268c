"""`decisions …` subcommands: list a year's 重大行政决策事项目录, export it, show what is due; and
`import decisions FILE.xlsx` (declared with the other ledgers in app/cli/ledgers.py)."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path
from typing import Any

from app.cli.args import day, year
from app.cli.common import CLI_ACTOR, EXIT_OK, Subcommand, group, opened, print_json
from app.errors import UserFacingError
from app.paths import DataPaths
from app.services.formats.xlsx import READABLE_SUFFIXES


def _list_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=year, required=True, help="年度，如 2025")
    parser.add_argument("--json", action="store_true", help="输出 JSON")


def _list(paths: DataPaths, args: argparse.Namespace) -> int:
    with opened(paths) as ctx:
        service = ctx.decisions
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
        print_json(data)
        return EXIT_OK
    shown = f"，{info.published_on} 公布" if info.published_on else f"，应于 {info.due} 前公布"
    print(f"{info.year}年重大行政决策事项目录（{info.status.value}{shown}）")
    for row in rows:
        missing = "、".join(row["missing"]) or "无"
        print(f"{row['seq']:>3}. {row['name']}（{row['status']}；计划 {row['planned_on']}；缺少：{missing}）")
    return EXIT_OK


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=year, required=True)
    parser.add_argument("--out", type=Path, required=True, help="输出文件，.docx 或 .xlsx")


def _export(paths: DataPaths, args: argparse.Namespace) -> int:
    out = args.out.resolve()
    suffix = out.suffix.lower()
    with opened(paths) as ctx:
        if suffix == ".docx":
            ctx.decisions.export_docx(CLI_ACTOR, args.year, out)
        elif suffix == ".xlsx":
            ctx.decisions.export_xlsx(CLI_ACTOR, args.year, out)
        else:
            raise UserFacingError("导出文件请以 .docx 或 .xlsx 结尾。")
        print_json({"year": args.year, "file": str(out)})
    return EXIT_OK


def _alerts_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--today", type=day, help="按哪一天计算（默认今天）")


def _alerts(paths: DataPaths, args: argparse.Namespace) -> int:
    with opened(paths) as ctx:
        today = args.today or ctx.clock.today()
        print_json([asdict(alert) | {"urgency": alert.urgency.name} for alert in ctx.decisions.alerts(today)])
    return EXIT_OK


def import_decisions(paths: DataPaths, args: argparse.Namespace) -> int:
    """`import decisions FILE.xlsx [--json]`: the columns `decisions export --out F.xlsx` writes."""
    if args.file.suffix.lower() not in READABLE_SUFFIXES:
        raise UserFacingError(f"「{args.file.name}」不是 .xlsx 或 .xls 文件，请使用 Excel 工作簿。")
    with opened(paths) as ctx:
        report = ctx.decisions.imports.import_file(CLI_ACTOR, args.file.resolve())
    rejected = [row.message() for row in report.rejected]
    if args.json:
        print_json({"accepted": report.accepted, "rejected": rejected})
    else:
        print("\n".join([report.summary(), *rejected]))
    return EXIT_OK


SUBCOMMANDS = {
    "decisions": group(
        "重大行政决策事项目录：列出、导出、到期提醒",
        "decisions_command",
        {
            "list": Subcommand("列出某年的目录事项和每项缺少的环节", _list_arguments, _list),
            "export": Subcommand("导出目录为 .docx（公文格式）或 .xlsx", _export_arguments, _export),
            "alerts": Subcommand(
                "目录公布、意见采纳反馈和缺少环节的提醒（JSON）", _alerts_arguments, _alerts
            ),
        },
    )
}
