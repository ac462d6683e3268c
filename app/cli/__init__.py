"""Command line: `python main.py [--data-dir DIR] COMMAND`. A thin layer over the services."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from app import APP_NAME, __version__
from app.cli.args import ChineseArgumentParser
from app.cli.bench.command import add_bench_commands, cmd_bench
from app.cli.decisions import add_decisions_commands, cmd_decisions
from app.cli.documents import add_documents_commands, cmd_search  # also registers `import/export documents`
from app.cli.export import add_auto_backup_commands, cmd_auto_backup  # also `export package|verify`
from app.cli.ledgers import add_io_commands, cmd_export, cmd_import
from app.cli.migrate import add_migrate_commands, cmd_migrate
from app.cli.postings import add_posting_commands, cmd_posting
from app.cli.report import add_report_commands, cmd_report
from app.cli.requests import import_requests  # noqa: F401 - registers `import/export requests`
from app.cli.workdays import add_calendar_commands, cmd_calendar, cmd_fee
from app.cli.workplan import add_workplan_commands, cmd_workplan
from app.errors import UserFacingError
from app.instance_lock import InstanceLock
from app.log import cli as log
from app.log import setup_logging
from app.paths import DataPaths, default_data_dir
from app.services.permissions import SYSTEM

EXIT_OK, EXIT_PROBLEM, EXIT_USER_ERROR = 0, 1, 2
# Maintenance commands are run by whoever administers the PC; the audit log names them as the CLI.
CLI_ACTOR = replace(SYSTEM, username="命令行", display_name="命令行")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(prog="main.py", description=f"{APP_NAME} {__version__}")
    parser.add_argument("--data-dir", type=Path, help="数据文件夹（默认为本机用户的应用数据目录）")
    parser.add_argument("--debug", action="store_true", help="日志记录调试信息")
    parser.add_argument("--demo", action="store_true", help="打开窗口前先写入示例数据（数据为空时）")
    parser.add_argument("--smoke-test", action="store_true", help="打开并显示每个页面后退出（自检）")
    parser.add_argument(
        "--screenshots", type=Path, help="与 --smoke-test 一起使用：把每个页面截图保存到此文件夹"
    )
    parser.add_argument(
        "--startup-probe", action="store_true", help="显示主窗口后立即退出，输出启动用时（bench 用）"
    )
    parser.add_argument(
        "--db-url", help="使用 PostgreSQL 服务器（多台电脑共用），如 postgresql://zwgk@192.168.1.10/zwgk"
    )
    parser.add_argument("--attachments-dir", help="与 --db-url 一起使用：各台电脑共用的附件文件夹")
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("demo", help="向空的数据文件夹写入示例数据（日期按今天安排；出错时不留下半份）")
    backup = commands.add_parser("backup", help="备份数据库和附件到一个 zip 文件")
    backup.add_argument("--out", type=Path, required=True, help="备份文件路径")
    restore = commands.add_parser("restore", help="从备份 zip 恢复（当前数据先自动备份）")
    restore.add_argument("file", type=Path)
    check = commands.add_parser(
        "check", help="检查数据库、操作日志（含本机以外的校验记录）和每个附件的校验值，输出 JSON"
    )
    check.add_argument(
        "--repair",
        action="store_true",
        help="同时清理中断的导出、备份、恢复留下的临时文件，以及附件库中无人引用的文件",
    )
    add_calendar_commands(commands)
    add_bench_commands(commands)
    add_auto_backup_commands(commands)
    add_decisions_commands(commands)
    add_documents_commands(commands)
    add_posting_commands(commands)
    add_workplan_commands(commands)
    add_report_commands(commands)
    add_migrate_commands(commands)
    add_io_commands(commands)  # after every feature module registered its KIND (app/cli_io.py)
    return parser


def data_paths(args: argparse.Namespace) -> DataPaths:
    return DataPaths(Path(args.data_dir).resolve() if args.data_dir else default_data_dir())


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _cmd_demo(paths: DataPaths, _args: argparse.Namespace) -> int:
    from app.services.context import open_data_folder
    from app.services.demo.seed_demo import seed_demo

    ctx = open_data_folder(paths)
    try:
        _print_json(asdict(seed_demo(ctx)))
    finally:
        ctx.close()
    return EXIT_OK


def _cmd_backup(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.context import open_data_folder
    from app.services.storage.backup import create_backup

    ctx = open_data_folder(paths)
    try:  # the command line acts as the data folder's 管理员 (README)
        result = create_backup(ctx.engine, paths, args.out.resolve(), clock=ctx.clock, actor=CLI_ACTOR)
        ctx.settings.note_backup(CLI_ACTOR, result.created_at, str(result.file))
    finally:
        ctx.close()
    _print_json(asdict(result))
    return EXIT_OK


def _cmd_restore(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.storage.backup import restore_backup
    from app.services.storage.folder_care import before_open

    before_open(paths)  # an earlier restore a crash interrupted is finished first
    safety = restore_backup(paths, args.file.resolve(), actor=CLI_ACTOR)
    _print_json({"restored_from": str(args.file), "previous_data_saved_to": str(safety) if safety else None})
    return EXIT_OK


def _cmd_check(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.maintenance.check import check_data_folder

    result = check_data_folder(paths, repair=args.repair)
    _print_json(result.as_json())
    return EXIT_OK if result.ok else EXIT_PROBLEM


COMMANDS: dict[str, Callable[[DataPaths, argparse.Namespace], int]] = {
    "demo": _cmd_demo,
    "backup": _cmd_backup,
    "restore": _cmd_restore,
    "check": _cmd_check,
    "calendar": cmd_calendar,
    "fee": cmd_fee,
    "auto-backup": cmd_auto_backup,
    "posting": cmd_posting,
    "decisions": cmd_decisions,
    "search": cmd_search,
    "workplan": cmd_workplan,
    "report": cmd_report,
    "import": cmd_import,
    "export": cmd_export,
    "bench": cmd_bench,
    "migrate-to": cmd_migrate,
}


def run_command(args: argparse.Namespace) -> int:
    """Every refusal is one Chinese line on stderr and exit code 2; a bug is one line naming the log that
    holds its details, and exit code 1 (README 「命令行」)."""
    paths = data_paths(args)
    try:
        paths.ensure()
        setup_logging(paths.log_file, debug=args.debug)
        with InstanceLock(paths.lock_file):
            return COMMANDS[args.command](paths, args)
    except UserFacingError as error:
        log.warning("command %s refused: %s", args.command, error.message)
        print(error.message, file=sys.stderr)
        return EXIT_USER_ERROR
    except OSError as error:
        log.exception("command %s failed", args.command)
        print(f"无法读写文件：{error.filename or ''} {error.strerror or error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception:  # not the clerk's mistake: the traceback goes to the log, not the screen
        log.exception("command %s crashed", args.command)
        print(
            f"程序内部出错，命令没有完成。详细情况已写入日志 {paths.log_file}，请把这个文件发给技术支持。",
            file=sys.stderr,
        )
        return EXIT_PROBLEM


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    args = build_parser().parse_args(argv)
    if args.db_url or args.attachments_dir:  # server mode for this run only (app/services/server_config.py)
        from app.services.storage.server_config import set_process_override

        try:
            set_process_override(args.db_url, args.attachments_dir)
        except UserFacingError as error:
            print(error.message, file=sys.stderr)
            return EXIT_USER_ERROR
    if args.command:
        return run_command(args)
    from app.ui.application import run_gui  # Qt is imported only when a window is wanted.

    return run_gui(args, data_paths(args), started)
