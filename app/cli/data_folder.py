"""`demo`, `backup`, `restore` and `check`: the data folder as a whole."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from app.cli.common import CLI_ACTOR, EXIT_OK, EXIT_PROBLEM, Subcommand, no_arguments, opened, print_json
from app.paths import DataPaths


def _demo(paths: DataPaths, _args: argparse.Namespace) -> int:
    from app.services.demo.seed_demo import seed_demo

    with opened(paths) as ctx:
        print_json(asdict(seed_demo(ctx)))
    return EXIT_OK


def _backup_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True, help="备份文件路径")


def _backup(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.storage.backup import create_backup

    with opened(paths) as ctx:  # the command line acts as the data folder's 管理员 (README)
        result = create_backup(ctx.engine, paths, args.out.resolve(), clock=ctx.clock, actor=CLI_ACTOR)
        ctx.settings.note_backup(CLI_ACTOR, result.created_at, str(result.file))
    print_json(asdict(result))
    return EXIT_OK


def _restore_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path)


def _restore(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.storage.backup import restore_backup
    from app.services.storage.folder_care import before_open

    before_open(paths)  # an earlier restore a crash interrupted is finished first
    safety = restore_backup(paths, args.file.resolve(), actor=CLI_ACTOR)
    print_json({"restored_from": str(args.file), "previous_data_saved_to": str(safety) if safety else None})
    return EXIT_OK


def _check_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--repair",
        action="store_true",
        help="同时清理中断的导出、备份、恢复留下的临时文件，以及附件库中无人引用的文件",
    )


def _check(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.maintenance.check import check_data_folder

    result = check_data_folder(paths, repair=args.repair)
    print_json(result.as_json())
    return EXIT_OK if result.ok else EXIT_PROBLEM


SUBCOMMANDS = {
    "demo": Subcommand(
        "向空的数据文件夹写入示例数据（日期按今天安排；出错时不留下半份）", no_arguments, _demo
    ),
    "backup": Subcommand("备份数据库和附件到一个 zip 文件", _backup_arguments, _backup),
    "restore": Subcommand("从备份 zip 恢复（当前数据先自动备份）", _restore_arguments, _restore),
    "check": Subcommand(
        "检查数据库、操作日志（含本机以外的校验记录）和每个附件的校验值，输出 JSON", _check_arguments, _check
    ),
}
