"""Command line: `python main.py [--data-dir DIR] COMMAND`. A thin layer over the services.

As in MusicBrainz Picard's picard/cli, each command module declares its subcommands in one `SUBCOMMANDS`
mapping (name → help, arguments, handler); the parser and the dispatch table are both built from
`REGISTRY` below, whose order is the order `main.py --help` lists them in.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from app import APP_NAME, __version__
from app.cli import (
    casefile,
    catalogue,
    data_folder,
    decisions,
    documents,
    export,
    ledgers,
    migrate,
    office,
    postings,
    report,
    workdays,
    workplan,
)
from app.cli.args import ChineseArgumentParser
from app.cli.bench import command as bench
from app.cli.common import EXIT_PROBLEM, EXIT_USER_ERROR, Handler, Subcommand
from app.errors import UserFacingError
from app.instance_lock import InstanceLock
from app.log import cli as log
from app.log import setup_logging
from app.paths import DataPaths, default_data_dir

REGISTRY = (data_folder, office, workdays, bench, export, decisions, documents, postings, workplan, report,
            migrate, casefile, catalogue, ledgers)  # fmt: skip


def _subcommands() -> dict[str, Subcommand]:
    found: dict[str, Subcommand] = {}
    for module in REGISTRY:
        for name, command in module.SUBCOMMANDS.items():
            if name in found:
                raise RuntimeError(f"command {name!r} is declared twice (last in {module.__name__})")
            found[name] = command
    return found


SUBCOMMANDS = _subcommands()
COMMANDS: dict[str, Handler] = {name: command.handler for name, command in SUBCOMMANDS.items()}


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
    parser.add_argument("--version", action="version", version=__version__, help="显示版本号并退出")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, command in SUBCOMMANDS.items():
        command.add_arguments(commands.add_parser(name, help=command.help))
    return parser


def data_paths(args: argparse.Namespace) -> DataPaths:
    return DataPaths(Path(args.data_dir).resolve() if args.data_dir else default_data_dir())


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
    if (
        args.db_url or args.attachments_dir
    ):  # server mode for this run only (services/storage/server_config.py)
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
