"""`import requests FILE.xlsx [--json]` and `export requests FILE.xlsx`: the 依申请公开 ledger, headless
(declared with the other ledgers in app/cli/ledgers.py)."""

from __future__ import annotations

import argparse

from app.cli.common import CLI_ACTOR, EXIT_OK, opened, print_json
from app.errors import UserFacingError
from app.paths import DataPaths
from app.services.formats.xlsx import READABLE_SUFFIXES


def _suffix(args: argparse.Namespace, allowed: tuple[str, ...] = (".xlsx",)) -> None:
    if args.file.suffix.lower() not in allowed:
        names = " 或 ".join(allowed)
        raise UserFacingError(f"「{args.file.name}」不是 {names} 文件，请使用 Excel 工作簿。")


def import_requests(paths: DataPaths, args: argparse.Namespace) -> int:
    _suffix(args, READABLE_SUFFIXES)
    with opened(paths) as ctx:
        report = ctx.requests.ledger.import_file(CLI_ACTOR, args.file.resolve())
    rejected = [row.message() for row in report.rejected]
    if args.json:
        print_json({"accepted": report.accepted, "rejected": rejected})
    else:
        print("\n".join([report.summary(), *rejected]))
    return EXIT_OK


def export_requests(paths: DataPaths, args: argparse.Namespace) -> int:
    _suffix(args)
    with opened(paths) as ctx:
        count = ctx.requests.ledger.export_xlsx(CLI_ACTOR, args.file.resolve(), include_full=args.full)
    print(f"已导出 {count} 件申请到 {args.file}")
    return EXIT_OK
