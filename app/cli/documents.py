"""`search QUERY`, and `import documents FILE.xlsx` / `export documents FILE.xlsx` (the 公文登记台账,
declared with the other ledgers in app/cli/ledgers.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.args import whole_number
from app.cli.common import CLI_ACTOR, EXIT_OK, Subcommand, opened, print_json
from app.paths import DataPaths

MAX_LIMIT = 100_000


def _search_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", help="检索词，如 预算")
    parser.add_argument(
        "--limit", type=whole_number("条数", 1, MAX_LIMIT), default=None, help="最多显示的条数（默认全部）"
    )
    parser.add_argument("--json", action="store_true", help="输出 JSON")


def cmd_search(paths: DataPaths, args: argparse.Namespace) -> int:
    with opened(paths) as ctx:
        hits = ctx.documents.search(args.query, args.limit)
    rows = [{"索引号": hit.index_no, "标题": hit.title, "文号": hit.doc_number, "score": round(hit.score, 6)}
            for hit in hits]  # fmt: skip
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(f"{row['score']:>10.3g}  {row['索引号']}  {row['标题']}")
        print(f"共 {len(rows)} 条")
    return EXIT_OK


def import_documents(paths: DataPaths, args: argparse.Namespace) -> int:
    """The command line imports as the folder's 管理员 (permissions.is_command_line) and says so."""
    from app.services.documents.ledger import DocumentLedger

    with opened(paths) as ctx:
        ledger = DocumentLedger(ctx.sessions, ctx.documents)
        report = ledger.save(CLI_ACTOR, ledger.preview(Path(args.file).resolve()))
    if args.json:
        print_json(
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
    from app.services.documents.ledger import DocumentLedger
    from app.services.documents.query import DocumentFilter

    with opened(paths) as ctx:
        count = DocumentLedger(ctx.sessions, ctx.documents).export(
            CLI_ACTOR, DocumentFilter(), Path(args.file).resolve(), include_full=args.full
        )
    print(f"已导出 {count} 件公文到 {args.file}")
    return EXIT_OK


SUBCOMMANDS = {
    "search": Subcommand(
        "全文检索公文（标题、文号、索引号、发布机构、附件内容）", _search_arguments, cmd_search
    ),
}
