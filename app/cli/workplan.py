"""`workplan …` subcommands: import a 工作要点 into a year's ledger, list and export it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.args import year
from app.cli.common import CLI_ACTOR, EXIT_OK, Subcommand, group, opened, print_json
from app.errors import UserFacingError
from app.paths import DataPaths


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path)
    parser.add_argument("--year", type=year, required=True, help="台账年份，如 2025")
    parser.add_argument("--dry-run", action="store_true", help="只解析、不保存")
    parser.add_argument("--json", action="store_true", help="输出 JSON")


def _list_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=year, required=True)
    parser.add_argument("--json", action="store_true", help="输出 JSON")


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=year, required=True)
    parser.add_argument("--out", type=Path, required=True, help="文件路径（.xlsx 或 .docx）")


def _year_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=year, required=True)


def _import(paths: DataPaths, args: argparse.Namespace) -> int:
    with opened(paths) as ctx:
        service = ctx.workplan
        preview = service.preview_file(args.file.resolve(), args.year)
        sections = {u.unit: u.section for u in preview.units}
        tasks: list[dict[str, Any]] = []
        for item in preview.plan.tasks():
            roles = {role.value: names for role, names in _roles(item).items()}
            tasks.append(
                {
                    "key": item.key,
                    "heading_path": [*item.path, item.heading],
                    "units": roles,
                    "sections": sorted(
                        {s for names in roles.values() for n in names if (s := sections.get(n))}
                    ),
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
        print_json(data)
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


def _list(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.workplan.query import TaskFilter

    with opened(paths) as ctx:
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
        print_json(data)
    else:
        for r in rows:
            due = r.due.isoformat() if r.due else "未定"
            print(f"{r.id:>5}  {due}  {r.status}  {r.section or '—'}  {r.title}{r.instance_label}")
    return EXIT_OK


def _export(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.workplan.query import TaskFilter

    out = args.out.resolve()
    with opened(paths) as ctx:
        if out.suffix.lower() == ".xlsx":
            count = ctx.workplan.export_xlsx(CLI_ACTOR, args.year, out)
        elif out.suffix.lower() == ".docx":
            office = ctx.settings.office()
            ctx.workplan.export_docx(CLI_ACTOR, args.year, out, office.name if office else "")
            count = ctx.workplan.count_tasks(TaskFilter(args.year))
        else:
            raise UserFacingError("导出文件请以 .xlsx（台账）或 .docx（落实情况）结尾。")
    print_json({"file": str(out), "tasks": count})
    return EXIT_OK


def _summary(paths: DataPaths, args: argparse.Namespace) -> int:
    with opened(paths) as ctx:
        print(ctx.workplan.report_summary(args.year))
    return EXIT_OK


SUBCOMMANDS = {
    "workplan": group(
        "工作要点：导入年度工作要点为任务台账、查看、导出",
        "workplan_command",
        {
            "import": Subcommand(
                "导入 .docx / .txt 工作要点，输出任务、单位和到期日", _import_arguments, _import
            ),
            "list": Subcommand("列出某年的任务", _list_arguments, _list),
            "export": Subcommand("导出台账 .xlsx 或落实情况 .docx", _export_arguments, _export),
            "summary": Subcommand(
                "年度报告「六、其他需要报告的事项」中的工作要点落实情况", _year_argument, _summary
            ),
        },
    )
}
