"""`search QUERY`, `document from-file FILE [--save]` (register from a file, as 「从文件登记…」 does), and
`import documents FILE.xlsx` / `export documents FILE.xlsx` (the 公文登记台账, declared with the other
ledgers in app/cli/ledgers.py)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.args import whole_number
from app.cli.common import CLI_ACTOR, EXIT_OK, Subcommand, group, opened, print_json
from app.paths import DataPaths

if TYPE_CHECKING:
    from app.services.documents.from_file import Proposal

MAX_LIMIT = 100_000


def _search_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", help="检索词，如 预算")
    parser.add_argument(
        "--limit", type=whole_number("条数", 1, MAX_LIMIT), default=None, help="最多显示的条数（默认全部）"
    )
    parser.add_argument("--json", action="store_true", help="输出 JSON")


def cmd_search(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.search.pages import page_note

    with opened(paths) as ctx:
        hits = ctx.documents.search(args.query, args.limit)
        counted = ctx.documents.search_count(args.query) if len(hits) == args.limit else None
    rows = [{"索引号": hit.index_no, "标题": hit.title, "文号": hit.doc_number, "score": round(hit.score, 6)}
            | ({"page": hit.page} if hit.page else {})  # the match is on that page of a scan
            for hit in hits]  # fmt: skip
    if args.json:
        print_json(rows)
    else:
        for hit, row in zip(hits, rows, strict=True):
            print(f"{row['score']:>10.3g}  {row['索引号']}  {row['标题']}{page_note(hit.page)}")
        if counted is None:
            print(f"共 {len(rows)} 条")
        else:  # --limit cut the list: say how many there are (counted up to query.COUNT_CAP)
            print(f"{'超过' if counted.more else '共'} {counted.rows} 条，显示前 {len(rows)} 条")
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


def _from_file_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="公文文件（.docx、.pdf、.ofd、.txt，或扫描件、照片）")
    parser.add_argument(
        "--save", action="store_true", help="按读出的内容登记这件公文（与「从文件登记…」相同）"
    )
    parser.add_argument("--json", action="store_true", help="输出 JSON")


def _proposed_fields(proposal: Proposal) -> dict[str, str]:
    """The proposal under the names the 登记 dialog gives its fields."""
    return {
        "发文机关": proposal.issuer or proposal.publisher,
        "文号": proposal.doc_number,
        "标题": proposal.title,
        "主送": proposal.addressee,
        "成文日期": proposal.written_on.isoformat() if proposal.written_on else "",
        "发布机构": proposal.publisher,
        "公开属性": proposal.disclosure,
    }


def cmd_document_from_file(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.documents.from_file import propose_from_file, registration_input, scan_reader
    from app.services.search.pages import PAGE_BREAK

    path = Path(args.file).resolve()
    proposal = propose_from_file(path, scan_reader())  # a scan or photo is read by OCR
    fields: dict[str, str] = _proposed_fields(proposal)
    if args.save:
        with opened(paths) as ctx:
            office = ctx.settings.office()
            value = registration_input(proposal, office.name if office else "")
            detail = ctx.documents.create(CLI_ACTOR, value, (path,), texts=(proposal.text,))
        saved = detail.values  # as stored: 发文机关 and 主送 are kept with the registration
        fields |= {"索引号": detail.index_no, "发布机构": saved.publisher, "公开属性": saved.disclosure}
        fields |= {"发文机关": saved.issuer or saved.publisher, "主送": saved.addressee}
    if args.json:
        pages = proposal.text.split(PAGE_BREAK)  # a PDF's or scan's pages, numbered as search numbers them
        numbered = [{"page": number, "text": text} for number, text in enumerate(pages, start=1)]
        print_json(fields | {"text": "\n".join(pages), "pages": numbered})
        return EXIT_OK
    for name, value_text in fields.items():
        print(f"{name}：{value_text or '（未读出）'}")
    print("已登记。" if args.save else "未登记：核对无误后加 --save 登记。")
    return EXIT_OK


DOCUMENT = {
    "from-file": Subcommand(
        "从文件读出发文机关、文号、标题、主送、成文日期（加 --save 按此登记）",
        _from_file_arguments,
        cmd_document_from_file,
    ),
}

SUBCOMMANDS = {
    "document": group("公文登记：从文件读出并登记", "document_command", DOCUMENT),
    "search": Subcommand(
        "全文检索公文（标题、文号、索引号、发布机构、附件内容）", _search_arguments, cmd_search
    ),
}
