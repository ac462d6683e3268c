"""`workplan …` subcommands: import a 工作要点 into a year's ledger, list and export it."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.cli.args import year
from app.paths import DataPaths
from app.services.permissions import SYSTEM

EXIT_OK = 0
CLI_ACTOR = replace(SYSTEM, username="命令行", display_name="命令行")


def add_workplan_commands(commands: Any) -> None:
    workplan = commands.add_parser("workplan", help="工作要点：导入年度工作要点为任务台账、查看、导出")
    sub = workplan.add_subparsers(dest="workplan_command", metavar="SUBCOMMAND", required=True)
    importer = sub.add_parser("import", help="导入 .docx / .txt 工作要点，输出任务、单位和到期日")
    importer.add_argument("file", type=Path)
    importer.add_argument("--year", type=year, required=True, help="台账年份，如 2025")
    importer.add_argument("--dry-run", action="store_true", help="只解析、不保存")
    importer.add_argument("--json", action="store_true", help="输出 JSON")
    lister = sub.add_parser("list", help="列出某年的任务")
    lister.add_argument("--year", type=year, required=True)
    lister.add_argument("--json", action="store_true", help="输出 JSON")
    export = sub.add_parser("export", help="导出台账 .xlsx 或落实情况 .docx")
    export.add_argument("--year", type=year, required=True)
    export.add_argument("--out", type=Path, required=True, help="文件路径（.xlsx 或 .docx）")
    summary = sub.add_parser("summary", help="年度报告「六、其他需要报告的事项」中的工作要点落实情况")
    summary.add_argument("--year", type=year, required=True)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _import(ctx: Any, args: argparse.Namespace) -> int:
    service = ctx.workplan
    preview = service.preview_file(args.file.resolve(), args.year)
    sections = {u.unit: u.section for u in preview.units}
    tasks = []
    for item in preview.plan.tasks():
        roles = {role.value: names for role, names in _roles(item).items()}
        tasks.append(
            {
                "key": item.key,
                "heading_path": [*item.path, item.heading],
                "units": roles,
                "sections": sorted({s for names in roles.values() for n in names if (s := sections.get(n))}),
                "due": [d.isoformat() if d else None for d in item.schedule.dues],
                "due_text": item.schedule.due_text,
                "needs_review": item.schedule.needs_review,
                "notes": list(item.schedule.notes),
            }
        )
    saved = None if args.dry_run else service.import_plan(CLI_ACTOR, preview)
    data = {
        "title": preview.plan.title,
        "year": preview.plan.year,
        "task_items": preview.task_items,
        "instances": preview.instances,
        "undated": preview.undated,
        "saved_plan_id": saved.plan_id if saved else None,
        "tasks": tasks,
    }
    if args.json:
        _print_json(data)
        return EXIT_OK
    print(f"{data['title']}（{data['year']}年）：{preview.task_items} 项任务，{preview.instances} 个到期节点")
    for task in tasks:
        due = "、".join(d or "未定" for d in task["due"])
        units = "；".join(f"{role}：{'、'.join(names)}" for role, names in task["units"].items())
        print(f"{' › '.join(task['heading_path'])}\n    到期：{due}　{units}")
    return EXIT_OK


def _roles(item: Any) -> dict[Any, list[str]]:
    from app.services.workplan.terms import units_by_role

    return {role: names for role, names in units_by_role(item.units).items() if names}


def _list(ctx: Any, args: argparse.Namespace) -> int:
    from app.services.workplan.query import TaskFilter

    service = ctx.workplan
    rows = service.page_tasks(TaskFilter(args.year), 0, service.count_tasks(TaskFilter(args.year)))
    data = [
        {
            "id": r.id,
            "heading_path": r.heading_path,
            "title": r.title,
            "instance": r.instance_label,
            "due": r.due,
            "status": r.status,
            "section": r.section,
            "units": r.units,
        }
        for r in rows
    ]
    if args.json:
        _print_json(data)
    else:
        for r in rows:
            due = r.due.isoformat() if r.due else "未定"
            print(f"{r.id:>5}  {due}  {r.status}  {r.section or '—'}  {r.title}{r.instance_label}")
    return EXIT_OK


def _export(ctx: Any, args: argparse.Namespace) -> int:
    from app.errors import UserFacingError
    from app.services.workplan.query import TaskFilter

    out = args.out.resolve()
    if out.suffix.lower() == ".xlsx":
        count = ctx.workplan.export_xlsx(CLI_ACTOR, args.year, out)
    elif out.suffix.lower() == ".docx":
        office = ctx.settings.office()
        ctx.workplan.export_docx(CLI_ACTOR, args.year, out, office.name if office else "")
        count = ctx.workplan.count_tasks(TaskFilter(args.year))
    else:
        raise UserFacingError("导出文件请以 .xlsx（台账）或 .docx（落实情况）结尾。")
    _print_json({"file": str(out), "tasks": count})
    return EXIT_OK


def _summary(ctx: Any, args: argparse.Namespace) -> int:
    print(ctx.workplan.report_summary(args.year))
    return EXIT_OK


def cmd_workplan(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.context import open_data_folder

    handlers = {"import": _import, "list": _list, "export": _export, "summary": _summary}
    ctx = open_data_folder(paths)
    try:
        return handlers[args.workplan_command](ctx, args)
    finally:
        ctx.close()
