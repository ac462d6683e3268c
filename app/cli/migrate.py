"""`migrate-to`: copy this PC's office into a new PostgreSQL database and a shared folder (issue 14)."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from typing import Any

from app.cli.common import CLI_ACTOR, EXIT_OK, EXIT_PROBLEM, Subcommand, print_json
from app.paths import DataPaths

COLUMNS = ("表", "源行数", "目标行数", "结果")


def _arguments(parser: argparse.ArgumentParser) -> None:
    # Own dest names: the global --db-url/--attachments-dir switch the whole run to the server instead.
    parser.add_argument(
        "--db-url", dest="target_url", help="目标数据库（空库），如 postgresql://zwgk@192.168.1.10/zwgk"
    )
    parser.add_argument(
        "--attachments-dir", dest="target_attachments", help="各台电脑共用的附件文件夹（已建好、可写）"
    )
    parser.add_argument("--json", action="store_true", help="输出 JSON 报告")


def _width(value: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in value)


def _pad(value: str, width: int, right: bool = False) -> str:
    gap = " " * max(width - _width(value), 0)
    return gap + value if right else value + gap


def summary_lines(data: dict[str, Any]) -> list[str]:
    """The table 表 / 源行数 / 目标行数 / 结果, then files, audit log and check."""
    rows = [
        (
            row["table"],
            str(row["source"]),
            str(row["target"]),
            ("一致" if not row["added"] else f"一致（含本次迁移记录 {row['added']} 条）")
            if row["ok"]
            else "不一致",
        )
        for row in data["tables"]
    ]
    widths = [max(_width(cells[n]) for cells in [COLUMNS, *rows]) for n in range(len(COLUMNS))]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(_pad(cell, widths[n], right=n in (1, 2)) for n, cell in enumerate(cells)).rstrip()

    lines = [line(COLUMNS), "  ".join("-" * width for width in widths), *map(line, rows)]
    problems = data["attachment_problems"]
    lines += [
        "",
        f"目标数据库：{data['target']}",
        f"共享附件文件夹：{data['attachments_dir']}",
        f"附件文件：复制 {data['files_copied']} 个，已存在且相同 {data['files_present']} 个；"
        + (
            f"服务器上逐个核对 {data['attachments_verified']} 条附件记录，校验值全部一致"
            if not problems
            else f"{problems} 个附件有问题"
        ),
        f"操作日志校验链：{'完整' if data['audit_problem'] is None else data['audit_problem']}",
        f"check：{'通过' if data['check_ok'] else '未通过（请运行 check 查看详情）'}",
        f"用时 {data['seconds']} 秒。",
        "",
        "迁移完成，本机数据没有改动。各台电脑改用服务器：设置 → 数据库，选「PostgreSQL 服务器」。"
        if data["ok"]
        else "迁移后的核对没有通过，请不要启用这个服务器数据库，把以上信息告诉技术支持。",
    ]
    return lines


def cmd_migrate(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.storage.server_migration import migrate_to

    last = [-1]

    def progress(percent: int, message: str) -> None:
        if percent != last[0]:  # one line per percent, not one per row
            last[0] = percent
            print(f"[{percent:3d}%] {message}", file=sys.stderr, flush=True)

    report = migrate_to(
        CLI_ACTOR,
        paths,
        args.target_url or args.db_url,
        args.target_attachments or args.attachments_dir,
        progress,
    )
    data = report.as_json()
    if args.json:
        print_json(data)
    else:
        print("\n".join(summary_lines(data)))
    return EXIT_OK if report.ok else EXIT_PROBLEM


SUBCOMMANDS = {
    "migrate-to": Subcommand(
        "把本机（单机）数据库和附件复制到新建的空 PostgreSQL 数据库，并逐项核对", _arguments, cmd_migrate
    ),
}
