"""`export package` / `export verify` (上报数据包) and `auto-backup list|run|restore` (自动备份).

`export` is the group in app/cli/ledgers.py; it lists PACKAGE_SUBCOMMANDS after the ledgers.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from app.cli.args import day
from app.cli.common import (
    CLI_ACTOR,
    EXIT_OK,
    EXIT_PROBLEM,
    Subcommand,
    group,
    no_arguments,
    opened,
    print_json,
)
from app.errors import UserFacingError
from app.paths import DataPaths

SINCE_LAST = "last"


def _since(text: str) -> str:
    if text == SINCE_LAST:
        return text
    try:
        day(text)
    except argparse.ArgumentTypeError as error:
        raise argparse.ArgumentTypeError(f"{error}，或写 last（上次导出以来）") from None
    return text


def _package_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True, help="数据包文件路径（.zip）")
    parser.add_argument(
        "--since", type=_since, help="只导出此日期以来新增或修改的信息；last 表示上次导出以来"
    )
    parser.add_argument(
        "--with", dest="parts", action="append", default=[], help="附带可选部分（如 decision_directory）"
    )
    parser.add_argument(
        "--mask",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="含身份证号、电话等个人信息的条目遮盖后导出（--no-mask：不导出这些条目）；"
        "默认按「设置」中的「上报导出时遮盖个人信息」",
    )
    parser.add_argument("--json", action="store_true", help="输出 JSON")


def _verify_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="数据包文件（.zip）")
    parser.add_argument("--json", action="store_true", help="输出 JSON")


def cmd_package(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.export.service import ExportMode

    mode, since = ExportMode.FULL, None
    if args.since == SINCE_LAST:
        mode = ExportMode.SINCE_LAST
    elif args.since:
        mode, since = ExportMode.SINCE_DATE, datetime.combine(date.fromisoformat(args.since), time.min)
    with opened(paths) as ctx:
        service = ctx.exports
        masking = service.masking() if args.mask is None else args.mask  # --mask, else the office's setting
        result = service.build(CLI_ACTOR, args.out.resolve(), mode, since, args.parts, mask=masking)
    if args.json:
        data = asdict(result)
        data["left_out"] = [asdict(left) for left in result.left_out]
        data["mask_personal_data"] = masking
        print_json(data)
    else:
        print(
            f"已生成数据包：{result.file}（{result.items} 条信息，{result.files} 个文件，{result.size} 字节）"
        )
        print(
            "个人信息：" + ("已遮盖后导出" if masking else "含个人信息的条目未导出（可加 --mask 遮盖后导出）")
        )
        for left in result.left_out:
            print(f"未上报：{left.title}——{left.reason}")
    return EXIT_OK


def cmd_verify(_paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.export.verify import verify_package

    report = verify_package(args.file.resolve())
    if args.json:
        print_json(report.as_json())
    elif report.ok:
        print(f"数据包完好：{report.items} 条信息，{report.files_checked} 个条目的校验值全部一致。")
    else:
        print(f"数据包有 {len(report.problems)} 处问题：", file=sys.stderr)
        for problem in report.problems:
            print(f"  {problem.message()}", file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_PROBLEM


PACKAGE_SUBCOMMANDS = {
    "package": Subcommand("生成上报区政务公开平台的数据包（zip）", _package_arguments, cmd_package),
    "verify": Subcommand("校验上报数据包：格式、每个文件的校验值、危险路径", _verify_arguments, cmd_verify),
}


def _generation_json(generation: Any) -> dict[str, Any]:
    data = asdict(generation)
    data["folder"] = str(generation.folder)
    data["summary"] = generation.summary()
    return data


def _backup_list(paths: DataPaths, _args: argparse.Namespace) -> int:
    with opened(paths) as ctx:
        generations = ctx.auto_backups.generations()
    print_json([_generation_json(g) for g in generations])
    return EXIT_OK


def _backup_run(paths: DataPaths, _args: argparse.Namespace) -> int:
    with opened(paths) as ctx:  # the command line acts as the folder's 管理员 (README)
        print_json(_generation_json(ctx.auto_backups.run_now(CLI_ACTOR)))
    return EXIT_OK


def _restore_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", help="备份编号，如 20250124-173005（见 auto-backup list）")


def _backup_restore(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.storage.generation_restore import restore_generation

    with opened(paths) as ctx:  # closed before the restore replaces its database
        generations = ctx.auto_backups.generations()
        clock = ctx.clock
    chosen = next((g for g in generations if g.id == args.id), None)
    if chosen is None:
        raise UserFacingError(f"没有编号为「{args.id}」的自动备份，请用 auto-backup list 查看。")
    safety = restore_generation(paths, chosen, clock=clock, actor=CLI_ACTOR)
    print_json({"restored": chosen.id, "previous_data_saved_as": safety.id if safety else None})
    return EXIT_OK


SUBCOMMANDS = {
    "auto-backup": group(
        "自动备份：列出、立即备份、恢复某一份",
        "auto_backup_command",
        {
            "list": Subcommand("列出自动备份及每份包含的内容（JSON）", no_arguments, _backup_list),
            "run": Subcommand("立即做一份自动备份", no_arguments, _backup_run),
            "restore": Subcommand(
                "恢复某一份自动备份（当前数据先自动备份）", _restore_arguments, _backup_restore
            ),
        },
    )
}
