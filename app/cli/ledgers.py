"""`import KIND FILE` and `export KIND FILE`: one command per direction; each feature registers its KIND.

A feature module calls `register_importer("requests", "依申请公开台账", handler)` at import time (before
`build_parser` runs); `app/cli.py` imports those modules, then calls `add_io_commands`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.paths import DataPaths

Handler = Callable[[DataPaths, argparse.Namespace], int]
IMPORTERS: dict[str, tuple[str, Handler]] = {}
EXPORTERS: dict[str, tuple[str, Handler]] = {}


def register_importer(kind: str, label: str, handler: Handler) -> None:
    IMPORTERS[kind] = (label, handler)


def register_exporter(kind: str, label: str, handler: Handler) -> None:
    EXPORTERS[kind] = (label, handler)


# `export NAME …` with its own arguments (e.g. `export package --out F.zip`, `export verify F.zip`).
Arguments = Callable[[argparse.ArgumentParser], None]
EXPORT_COMMANDS: dict[str, tuple[str, Arguments, Handler]] = {}


def register_export_command(name: str, help_text: str, arguments: Arguments, handler: Handler) -> None:
    EXPORT_COMMANDS[name] = (help_text, arguments, handler)


def add_io_commands(commands: Any) -> None:
    importer = commands.add_parser("import", help="从 Excel 导入台账（先检查全部行，有效行一次保存）")
    sub = importer.add_subparsers(dest="import_kind", metavar="KIND", required=True)
    for kind, (label, _handler) in sorted(IMPORTERS.items()):
        parser = sub.add_parser(kind, help=f"导入{label}")
        parser.add_argument("file", type=Path, help="Excel 文件（.xlsx）")
        parser.add_argument("--json", action="store_true", help="输出 JSON")
    exporter = commands.add_parser("export", help="导出台账为 Excel，生成和校验上报数据包")
    sub = exporter.add_subparsers(dest="export_kind", metavar="KIND", required=True)
    for kind, (label, _handler) in sorted(EXPORTERS.items()):
        parser = sub.add_parser(kind, help=f"导出{label}")
        parser.add_argument("file", type=Path, help="Excel 文件（.xlsx）")
    for name, (help_text, arguments, _handler) in sorted(EXPORT_COMMANDS.items()):
        arguments(sub.add_parser(name, help=help_text))


def cmd_import(paths: DataPaths, args: argparse.Namespace) -> int:
    return IMPORTERS[args.import_kind][1](paths, args)


def cmd_export(paths: DataPaths, args: argparse.Namespace) -> int:
    if args.export_kind in EXPORT_COMMANDS:
        return EXPORT_COMMANDS[args.export_kind][2](paths, args)
    return EXPORTERS[args.export_kind][1](paths, args)
