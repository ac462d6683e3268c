"""`catalogue check` (issue 23): what the year's catalogue required by a day, and what is late or missing.
The day judged is `--as-of`, never the machine's clock, so a script can replay any day."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from app.cli.args import day, whole_number, year
from app.cli.common import EXIT_OK, Subcommand, opened, print_json
from app.paths import DataPaths
from app.services.catalogue.types import ComplianceRow, Status  # plain values: no SQLAlchemy for --help


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of", type=day, required=True, metavar="日期", help="按哪一天检查，如 2026-04-10"
    )
    parser.add_argument("--year", type=year, help="目录年度（默认为检查日所在年度）")
    parser.add_argument(
        "--quarter", type=whole_number("季度", 1, 4), metavar="季度", help="只查到该季度末（1–4）"
    )
    parser.add_argument("--json", action="store_true", help="输出 JSON")


def row_json(row: ComplianceRow) -> dict[str, Any]:
    return {
        "序号": row.seq,
        "一级事项": row.level1,
        "二级事项": row.level2,
        "状态": row.status.value,
        "期限": row.due.isoformat() if row.due else None,
        "公开日期": row.published_on.isoformat() if row.published_on else None,
        "逾期工作日": row.days_late,
        "期间": row.period_key,
        "村（居）": row.village,
        "来源": row.source_kind,
        "来源标题": row.source_title,
        "缺少渠道": list(row.missing_channels),
    }


def _line(row: ComplianceRow) -> str:
    name = f"{row.level1}›{row.level2}" if row.level2 else row.level1
    occasion = "  ".join(part for part in (row.period_key, row.village, row.source_title) if part)
    due = f"期限 {row.due.isoformat()}{'（暂定）' if row.due_provisional else ''}  " if row.due else ""
    late = f"，逾期 {row.days_late} 个工作日" if row.days_late else ""
    # only a gap names its channels: unpublished rows miss them all, which the status already says
    missing = f"，缺少：{'、'.join(row.missing_channels)}" if row.status is Status.CHANNEL_GAP else ""
    return f"{row.seq}  {name}  {occasion}  {due}{row.status.value}{late}{missing}"


def _check(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.catalogue.compliance import ComplianceService

    target_year = args.year or args.as_of.year
    with opened(paths) as ctx:
        rows = ComplianceService(ctx.sessions, ctx.calendar).check(args.as_of, target_year, args.quarter)
    counts = Counter(row.status.value for row in rows)
    if args.json:
        print_json(
            {"as_of": args.as_of.isoformat(), "rows": [row_json(row) for row in rows], "counts": counts}
        )
        return EXIT_OK
    scope = f"{target_year}年" + (f"第{args.quarter}季度" if args.quarter else "")
    print(f"{scope}标准目录公开情况（按 {args.as_of.isoformat()} 检查）")
    for row in rows:
        print(_line(row))
    summary = "，".join(f"{status} {count} 项" for status, count in counts.items())
    print(summary or "没有到期或已登记的公开事项。")
    return EXIT_OK


SUBCOMMANDS: dict[str, Subcommand] = {
    "check": Subcommand("按某一天检查标准目录的公开情况（按时、逾期、渠道缺失、待公开）", _arguments, _check)
}
