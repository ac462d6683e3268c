"""`catalogue import` and `catalogue due` (issue 23); merged into the group by app/cli/catalogue.py."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.args import day, year
from app.cli.common import CLI_ACTOR, EXIT_OK, EXIT_USER_ERROR, Subcommand, opened, print_json
from app.paths import DataPaths
from app.services.catalogue.rules import describe
from app.services.catalogue.types import Rule

if TYPE_CHECKING:  # the models (and SQLAlchemy) load only when a command runs, not for --help
    from app.services.catalogue.items import ItemFields


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="标准目录 Excel 文件（.xlsx）")
    parser.add_argument("--year", type=year, required=True, help="目录年度，如 2026")
    parser.add_argument("--json", action="store_true", help="输出 JSON")


def _due_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--item", required=True, help="目录事项的序号")
    parser.add_argument("--formed", type=day, required=True, help="信息形成（变更）日期，如 2026-03-02")
    parser.add_argument("--year", type=year, help="目录年度（默认为形成日期所在年度）")
    parser.add_argument("--json", action="store_true", help="输出 JSON")


def rule_json(rule: Rule) -> dict[str, Any]:
    return {
        "kind": rule.kind.value,
        "days": rule.days,
        "anchor": rule.anchor,
        "period": rule.period.value if rule.period else None,
        "month": rule.month,
        "day": rule.day,
        "note": rule.note,
    }


def item_json(value: ItemFields, rule: Rule) -> dict[str, Any]:
    return {
        "序号": value.seq,
        "一级事项": value.level1,
        "二级事项": value.level2,
        "公开内容": value.content,
        "公开依据": value.basis,
        "公开时限": value.time_limit,
        "公开主体": value.subject,
        "公开渠道": list(value.channels),
        "公开对象": value.audience,
        "公开方式": value.mode,
        "公开层级": value.tier,
        "规则": rule_json(rule),
        "规则说明": describe(rule),
    }


def _import(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.catalogue.service import CatalogueService

    with opened(paths) as ctx:
        service = CatalogueService(ctx.sessions)
        preview = service.imports.preview(args.file.resolve(), args.year)
        result = None if preview.blocking else service.imports.commit(CLI_ACTOR, preview)
        rows = (
            [(row.value, row.rule) for row in service.items(args.year, include_voided=False)]
            if result
            else [(row.value, row.rule) for row in preview.rows]
        )
    data = {
        "year": args.year,
        "file": preview.file,
        "saved": result is not None,
        "result": result.__dict__ if result else None,
        "problems": preview.blocking,
        "notes": preview.notes,
        "items": [item_json(value, rule) for value, rule in rows],
    }
    if args.json:
        print_json(data)
    else:
        for value, rule in rows:
            print(f"{value.seq}\t{value.level1} › {value.level2}\t{value.time_limit}\t→ {describe(rule)}")
        for note in preview.notes:
            print(note)
        if result:
            print(result.summary())
    if preview.blocking:
        print(f"表格中有 {len(preview.blocking)} 处问题，目录未导入：", file=sys.stderr)
        for problem in preview.blocking:
            print(problem, file=sys.stderr)
        return EXIT_USER_ERROR
    return EXIT_OK


def _due(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.catalogue.due import item_due
    from app.services.catalogue.service import CatalogueService

    with opened(paths) as ctx:
        row = CatalogueService(ctx.sessions).item_by_seq(args.year or args.formed.year, args.item)
        due = item_due(row.rule, args.formed, ctx.calendar.calendar())
    data = {
        "due": due.day.isoformat() if due else None,
        "provisional": bool(due and due.provisional_years),
        "rule": row.rule_text,
    }
    if args.json:
        print_json(data)
    elif due is None:
        print(f"{row.seq} {row.value.level2}：{row.rule_text}，没有固定的公开期限。")
    else:
        mark = "（暂定：按未公布放假安排的年份推算）" if data["provisional"] else ""
        print(f"{row.seq} {row.value.level2}：{row.rule_text}，应于 {data['due']} 前公开{mark}。")
    return EXIT_OK


SUBCOMMANDS: dict[str, Subcommand] = {
    "import": Subcommand("导入基层政务公开标准目录（Excel），按序号合并到该年度", _import_arguments, _import),
    "due": Subcommand("按目录事项的公开时限计算某条信息的公开期限", _due_arguments, _due),
}
