"""`report annual --year Y --out FILE.docx [--json FILE.json]`: the 年度报告 from the data (issue 9)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.cli.args import year
from app.errors import UserFacingError
from app.paths import DataPaths
from app.services.permissions import SYSTEM

EXIT_OK, EXIT_USER_ERROR = 0, 2
CLI_ACTOR = replace(SYSTEM, username="命令行", display_name="命令行")


def add_report_commands(commands: Any) -> None:
    report = commands.add_parser("report", help="年度报告：按国办公开办函〔2021〕30号格式从数据生成")
    sub = report.add_subparsers(dest="report_command", metavar="SUBCOMMAND", required=True)
    annual = sub.add_parser("annual", help="生成某年度的政府信息公开工作年度报告 .docx（可同时输出 JSON）")
    annual.add_argument("--year", type=year, required=True, help="报告年度，如 2025")
    annual.add_argument("--out", type=Path, required=True, help="年度报告 .docx 文件路径")
    annual.add_argument("--json", type=Path, help="同时把全部数字写入此 JSON 文件")


def cmd_report(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.context import open_data_folder
    from app.services.report.types import ReportInconsistent

    out: Path = args.out.resolve()
    if out.suffix.lower() != ".docx":
        raise UserFacingError("年度报告请保存为 .docx 文件（--out 报告.docx）。")
    ctx = open_data_folder(paths)
    try:
        service = ctx.annual_report
        try:
            service.export_docx(CLI_ACTOR, args.year, out)
        except ReportInconsistent as refused:
            print(f"{args.year}年度报告的表格数字不一致，未生成文件：", file=sys.stderr)
            for failure in refused.failures:
                print(failure, file=sys.stderr)
            return EXIT_USER_ERROR
        written = {"docx": str(out)}
        if args.json:
            written["json"] = str(service.export_json(CLI_ACTOR, args.year, args.json.resolve()))
        view = service.report(args.year)
    finally:
        ctx.close()
    data = {**written, "year": args.year, "warnings": list(view.warnings)}
    print(json.dumps(data, ensure_ascii=False, indent=2))
    return EXIT_OK
