"""`import requests FILE.xlsx [--json]` and `export requests FILE.xlsx`: the 依申请公开 ledger, headless."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace

from app.cli.ledgers import register_exporter, register_importer
from app.errors import UserFacingError
from app.paths import DataPaths
from app.services.permissions import SYSTEM

EXIT_OK = 0
CLI_ACTOR = replace(SYSTEM, username="命令行", display_name="命令行")


def _suffix(args: argparse.Namespace) -> None:
    if args.file.suffix.lower() != ".xlsx":
        raise UserFacingError(f"「{args.file.name}」不是 .xlsx 文件，请使用 Excel 工作簿。")


def import_requests(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.context import open_data_folder

    _suffix(args)
    ctx = open_data_folder(paths)
    try:
        report = ctx.requests.ledger.import_file(CLI_ACTOR, args.file.resolve())
    finally:
        ctx.close()
    rejected = [row.message() for row in report.rejected]
    if args.json:
        print(json.dumps({"accepted": report.accepted, "rejected": rejected}, ensure_ascii=False, indent=2))
    else:
        print("\n".join([report.summary(), *rejected]))
    return EXIT_OK


def export_requests(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.context import open_data_folder

    _suffix(args)
    ctx = open_data_folder(paths)
    try:
        count = ctx.requests.ledger.export_xlsx(CLI_ACTOR, args.file.resolve())
    finally:
        ctx.close()
    print(f"已导出 {count} 件申请到 {args.file}")
    return EXIT_OK


register_importer("requests", "依申请公开台账", import_requests)
register_exporter("requests", "依申请公开台账", export_requests)
