"""`import KIND FILE` and `export KIND FILE`: one command per direction over the Excel ledgers, plus
`export package|verify` (app/cli/export.py). A new ledger is one line in LEDGERS."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import decisions, documents, export, requests
from app.cli.common import Handler, Subcommand, group

# kind: (what the ledger is called, `import KIND` handler, `export KIND` handler or None)
LEDGERS: dict[str, tuple[str, Handler, Handler | None]] = {
    "decisions": ("重大行政决策事项目录", decisions.import_decisions, None),
    "documents": ("公文登记台账", documents.import_documents, documents.export_documents),
    "requests": ("依申请公开台账", requests.import_requests, requests.export_requests),
}


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="Excel 文件（.xlsx，或旧版 .xls）")
    parser.add_argument("--json", action="store_true", help="输出 JSON")


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="Excel 文件（.xlsx）")
    parser.add_argument(
        "--full", action="store_true", help="包含完整证件号和电话（默认遮盖；导出的文件可再导入时才需要）"
    )


_IMPORTS = {
    kind: Subcommand(f"导入{label}", _import_arguments, importer)
    for kind, (label, importer, _exporter) in sorted(LEDGERS.items())
}
_EXPORTS = {
    kind: Subcommand(f"导出{label}", _export_arguments, exporter)
    for kind, (label, _importer, exporter) in sorted(LEDGERS.items())
    if exporter is not None
}

SUBCOMMANDS = {
    "import": group("从 Excel 导入台账（先检查全部行，有效行一次保存）", "import_kind", _IMPORTS, "KIND"),
    "export": group(
        "导出台账为 Excel，生成和校验上报数据包",
        "export_kind",
        _EXPORTS | dict(sorted(export.PACKAGE_SUBCOMMANDS.items())),
        "KIND",
    ),
}
