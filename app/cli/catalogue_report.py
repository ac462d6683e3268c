"""`catalogue report --year Y [--quarter Q] [--as-of D] --out FILE.xlsx|.docx [--json]`: the 自查自纠 report
(issue 23 part F); merged into the `catalogue` group by app/cli/catalogue.py."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.args import day, whole_number, year
from app.cli.common import EXIT_OK, Subcommand, opened, print_json
from app.paths import DataPaths


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=year, required=True, help="目录年度，如 2026")
    parser.add_argument(
        "--quarter",
        type=whole_number("季度", 1, 4),
        metavar="季度",
        help="只查这一季度（1～4）；不写则查全年",
    )
    parser.add_argument("--as-of", type=day, metavar="日期", help="检查到哪一天（默认今天），如 2026-12-31")
    parser.add_argument(
        "--out", type=Path, required=True, help="报告文件：.xlsx（汇总和问题清单）或 .docx（公文格式）"
    )
    parser.add_argument("--json", action="store_true", help="在屏幕上输出 JSON 摘要")


def cmd_report(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.catalogue.selfcheck.service import SelfCheckService, checked_target

    out = checked_target(args.out)  # a wrong name is refused before the data folder is opened
    with opened(paths) as ctx:
        service = SelfCheckService(ctx.sessions, ctx.calendar, ctx.settings)
        report = service.build(args.year, args.quarter, args.as_of)
        written = service.write(report, out)
    if args.json:
        print_json(_summary_json(report, written))
    else:
        print(f"已生成{report.title}：{written}")
    return EXIT_OK


def _summary_json(report: Any, written: Path) -> dict[str, Any]:
    summary = report.summary

    def area(row: Any) -> dict[str, Any]:
        rate = row.on_time_rate
        return {
            "一级事项": row.level1, "事项数": row.items, "应公开": row.due, "按时公开": row.on_time,
            "逾期公开": row.late, "未公开已逾期": row.overdue, "渠道缺失": row.channel_gap,
            "待公开": row.pending, "未定期限": row.undated,
            "按时率": None if rate is None else round(rate, 4),
        }  # fmt: skip

    return {
        "file": str(written),
        "title": report.title,
        "year": summary.year,
        "quarter": summary.quarter,
        "as_of": summary.as_of.isoformat(),
        "areas": [area(row) for row in summary.areas],
        "total": area(summary.total),
        "gaps": [
            {
                "序号": gap.number,
                "一级事项": gap.level1,
                "二级事项": gap.level2,
                "期间/信息": gap.occasion,
                "期限": gap.due.isoformat() if gap.due else None,
                "状态": gap.status.value,
                "逾期工作日": gap.days_late,
                "缺少渠道": list(gap.missing_channels),
                "整改建议": gap.remedy,
            }
            for gap in summary.gaps
        ],  # fmt: skip
        "paragraph": report.paragraph,
    }


SUBCOMMANDS: dict[str, Subcommand] = {
    "report": Subcommand(
        "生成标准目录自查自纠报告（.xlsx 或 .docx），可输出 JSON 摘要", _arguments, cmd_report
    ),
}
