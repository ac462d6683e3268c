"""`search QUERY` and `import documents FILE.xlsx` / `export documents FILE.xlsx` (the 公文登记台账)."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.cli.args import whole_number
from app.cli.ledgers import register_exporter, register_importer
from app.paths import DataPaths
from app.services.permissions import COMMAND_LINE, SYSTEM, Actor

EXIT_OK = 0
MAX_LIMIT = 100_000


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def add_documents_commands(commands: Any) -> None:
    search = commands.add_parser("search", help="全文检索公文（标题、文号、索引号、发布机构、附件内容）")
    search.add_argument("query", help="检索词，如 预算")
    search.add_argument(
        "--limit", type=whole_number("条数", 1, MAX_LIMIT), default=None, help="最多显示的条数（默认全部）"
    )
    search.add_argument("--json", action="store_true", help="输出 JSON")


def _cli_actor() -> Actor:
    """The same actor as app.cli.CLI_ACTOR (not imported: app.cli imports this module). For the ledger
    import it acts as the data folder's 管理员 (permissions.is_command_line) and says so in its output."""
    return replace(SYSTEM, username=COMMAND_LINE, display_name="命令行")


def cmd_search(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.context import open_data_folder

    ctx = open_data_folder(paths)
    try:
        hits = ctx.documents.search(args.query, args.limit)
    finally:
        ctx.close()
    rows = [{"索引号": hit.index_no, "标题": hit.title, "文号": hit.doc_number, "score": round(hit.score, 6)}
            for hit in hits]  # fmt: skip
    if args.json:
        _print_json(rows)
    else:
        for row in rows:
            print(f"{row['score']:>10.3g}  {row['索引号']}  {row['标题']}")
        print(f"共 {len(rows)} 条")
    return EXIT_OK


def import_documents(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.context import open_data_folder
    from app.services.documents.ledger import DocumentLedger

    ctx = open_data_folder(paths)
    try:
        ledger = DocumentLedger(ctx.sessions, ctx.documents)
        report = ledger.save(_cli_actor(), ledger.preview(Path(args.file).resolve()))
    finally:
        ctx.close()
    if args.json:
        _print_json(
            {
                "acting_as": report.acting_as,
                "accepted": report.accepted,
                "history": report.history,  # rows with a 公开日期, imported as 历史公开（线下审查）
                "rejected": [{"row": r.number, "reason": r.reason} for r in report.rejected],
            }
        )
    else:
        print(report.summary())
        for rejected in report.rejected:
            print(rejected.message())
    return EXIT_OK


def export_documents(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.context import open_data_folder
    from app.services.documents.ledger import DocumentLedger
    from app.services.documents.query import DocumentFilter

    ctx = open_data_folder(paths)
    try:
        count = DocumentLedger(ctx.sessions, ctx.documents).export(
            _cli_actor(), DocumentFilter(), Path(args.file).resolve()
        )
    finally:
        ctx.close()
    print(f"已导出 {count} 件公文到 {args.file}")
    return EXIT_OK


register_importer("documents", "公文登记台账", import_documents)
register_exporter("documents", "公文登记台账", export_documents)
