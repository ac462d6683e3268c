"""`report annual --year Y --out FILE.docx [--json FILE.json]`: the 年度报告 from the data (issue 9)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.args import year
from app.cli.common import CLI_ACTOR, EXIT_OK, EXIT_USER_ERROR, Subcommand, group, opened, print_json
from app.errors import UserFacingError
from app.paths import DataPaths


def _annual_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=year, required=True, help="报告年度，如 2025")
    parser.add_argument("--out", type=Path, required=True, help="年度报告 .docx 文件路径")
    parser.add_argument("--json", type=Path, help="同时把全部数字写入此 JSON 文件")
    parser.add_argument(
        "--checker-json",
        type=Path,
        help="同时按年报核查工具读取的结构（六部分，表二至表四）写出全部数字，供上级核查",
    )
    parser.add_argument("--opening", action="store_true", help="在「一、总体情况」之前加概述段")


def cmd_report(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.report.types import ReportInconsistent

    out: Path = args.out.resolve()
    if out.suffix.lower() != ".docx":
        raise UserFacingError("年度报告请保存为 .docx 文件（--out 报告.docx）。")
    with opened(paths) as ctx:
        service = ctx.annual_report
        try:
            service.export_docx(CLI_ACTOR, args.year, out, opening=args.opening)
        except ReportInconsistent as refused:
            print(f"{args.year}年度报告的表格数字不一致，未生成文件：", file=sys.stderr)
            for failure in refused.failures:
                print(failure, file=sys.stderr)
            return EXIT_USER_ERROR
        written = {"docx": str(out)}
        if args.json:
            written["json"] = str(service.export_json(CLI_ACTOR, args.year, args.json.resolve()))
        if args.checker_json:
            checker = service.export_checker_json(CLI_ACTOR, args.year, args.checker_json.resolve())
            written["checker_json"] = str(checker)
        view = service.report(args.year)
    print_json({**written, "year": args.year, "warnings": list(view.warnings)})
    return EXIT_OK


SUBCOMMANDS = {
    "report": group(
        "年度报告：按国办公开办函〔2021〕30号格式从数据生成",
        "report_command",
        {
            "annual": Subcommand(
                "生成某年度的政府信息公开工作年度报告 .docx（可同时输出 JSON）", _annual_arguments, cmd_report
            ),
        },
    )
}
