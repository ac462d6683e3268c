"""`catalogue villages --year Y --quarter Q [--as-of D] [--out FILE.xlsx] [--json]`: the quarter's
村（居）务公开 summary, one row per village (issue 23); merged into the group by app/cli/catalogue.py."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.args import day, whole_number, year
from app.cli.common import CLI_ACTOR, EXIT_OK, Subcommand, opened, print_json
from app.errors import UserFacingError
from app.paths import DataPaths

if TYPE_CHECKING:
    from app.services.catalogue.villages_summary import VillageQuarterTable


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=year, required=True, help="目录年度")
    parser.add_argument(
        "--quarter", type=whole_number("季度", 1, 4), required=True, metavar="季度", help="1～4"
    )
    parser.add_argument("--as-of", type=day, metavar="日期", help="统计到哪一天（默认今天），如 2026-03-31")
    parser.add_argument("--out", type=Path, help="同时导出汇总表（.xlsx）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")


def _run(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.catalogue.villages import VillageService

    out: Path | None = args.out
    if out is not None and out.suffix.lower() != ".xlsx":
        raise UserFacingError(f"「{out.name}」不是 .xlsx 文件名，请写成例如 汇总表.xlsx。")
    with opened(paths) as ctx:
        service = VillageService(ctx.sessions, ctx.attachments, ctx.calendar)
        if out is None:
            table = service.quarter_summary(args.year, args.quarter, args.as_of)
        else:
            table = service.export_quarter(CLI_ACTOR, args.year, args.quarter, out.resolve(), args.as_of)
    data = _as_json(table, out)
    if args.json:
        print_json(data)
    else:
        print(data["title"], f"（统计到 {data['as_of']}）")
        for row in data["rows"]:
            print(row["村（社区）"], "　".join(cell["文字"] for cell in row["公示"]), sep="\t")
    return EXIT_OK


def _as_json(table: VillageQuarterTable, out: Path | None) -> dict[str, Any]:
    columns = [
        {
            "序号": c.seq,
            "事项": c.title,
            "期次": c.period_key,
            "期间": c.period_label,
            "期限": c.due.isoformat(),
        }
        for c in table.columns
    ]
    rows = [
        {
            "村（社区）": row.village,
            "类型": row.kind,
            "公示": [
                {
                    "期次": column["期次"],
                    "序号": column["序号"],
                    "状态": cell.status.value,
                    "文字": cell.text,
                    "公示日期": cell.posted_on.isoformat() if cell.posted_on else None,
                    "逾期工作日": cell.days_late,
                }
                for column, cell in zip(columns, row.cells, strict=True)
            ],
            "应公示": row.due_count,
            "按时": row.on_time,
            "逾期": row.late,
            "未公示": row.missing,
        }
        for row in table.rows
    ]
    data: dict[str, Any] = {
        "title": table.title,
        "as_of": table.as_of.isoformat(),
        "columns": columns,
        "rows": rows,
    }
    if out is not None:
        data["file"] = str(out.resolve())
    return data


SUBCOMMANDS: dict[str, Subcommand] = {
    "villages": Subcommand("村（居）务公开：某季度各村（社区）的公示情况汇总", _arguments, _run),
}
