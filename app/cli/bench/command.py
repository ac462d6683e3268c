"""`bench [--docs N] [--requests N] [--ocr-pages N] [--catalogue-links N] [--json]`: figures by baselines."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.cli.args import whole_number
from app.cli.common import EXIT_OK, EXIT_PROBLEM, Subcommand
from app.paths import DataPaths

DEFAULT_DOCS = 100_000
DEFAULT_REQUESTS = 20_000
MAX_DOCS, MAX_REQUESTS = 1_000_000, 200_000  # ten times an office's size: a run still ends the same day
MAX_OCR_PAGES = 100  # 2–3 s a page: five minutes at most
MAX_CATALOGUE_LINKS = 500_000  # ten times issue 23's 50,000
MAX_EXPORT_FILE_KB = 16_384  # the package reads files up to 16 MB whole; bigger ones are streamed


def _arguments(bench: argparse.ArgumentParser) -> None:
    bench.add_argument(
        "--docs", type=whole_number("公文件数", 10, MAX_DOCS), default=DEFAULT_DOCS,
        help=f"公文件数（默认 {DEFAULT_DOCS}）",
    )  # fmt: skip
    bench.add_argument(
        "--requests", type=whole_number("依申请公开件数", 10, MAX_REQUESTS), default=DEFAULT_REQUESTS,
        help=f"依申请公开件数（默认 {DEFAULT_REQUESTS}）",
    )  # fmt: skip
    bench.add_argument(
        "--ocr-pages", type=whole_number("OCR 页数", 0, MAX_OCR_PAGES), default=0, metavar="页数",
        help="再识别这么多页 200 dpi 扫描件，测 OCR 每页用时、内存和错误率（默认 0：不测）",
    )  # fmt: skip
    bench.add_argument(
        "--catalogue-links", type=whole_number("标准目录关联数", 0, MAX_CATALOGUE_LINKS), default=0,
        metavar="N", help="另生成 300 个目录事项和 N 条关联，测目录检查和自查自纠报告（默认 0：不测）",
    )  # fmt: skip
    bench.add_argument(
        "--export-file-kb", type=whole_number("附件大小", 0, MAX_EXPORT_FILE_KB), default=0, metavar="KB",
        help="上报数据包测量所用的附件都取这个大小（KB，如 1024）；默认 0：中位数约 120 KB 的常见大小",
    )  # fmt: skip
    bench.add_argument("--json", action="store_true", help="输出 JSON")
    bench.add_argument("--keep", type=Path, help="把生成的数据留在这个（空）文件夹，便于复查")
    bench.add_argument(
        "--reuse", type=Path, metavar="文件夹",
        help="不再生成，测量以前用 --keep 留下的数据（测量里的导入会给它再加 3 万行）",
    )  # fmt: skip
    bench.add_argument("--strict", action="store_true", help="有未达到的目标时以退出码 1 结束（默认只报告）")


def _local_only() -> None:
    """Never the office server: drop a server choice inherited from the environment (issue 14)."""
    try:
        from app.services.storage.server_config import ENV_ATTACHMENTS_DIR, ENV_DB_URL
    except ImportError:
        return
    for name in (ENV_DB_URL, ENV_ATTACHMENTS_DIR):
        os.environ.pop(name, None)


def cmd_bench(_paths: DataPaths, args: argparse.Namespace) -> int:
    """Works in its own temporary folder; the --data-dir data is never touched."""
    from app.cli.bench.report import as_json, machine, table
    from app.cli.bench.run import run_all
    from app.errors import UserFacingError

    if getattr(args, "db_url", None) or getattr(args, "attachments_dir", None):
        raise UserFacingError("bench 只在临时文件夹里的单机数据库上运行，不能与 --db-url 一起使用。")
    _local_only()
    if args.docs < 10 or args.requests < 10:
        raise UserFacingError("--docs 和 --requests 至少为 10。")
    keep = args.keep.resolve() if args.keep else None
    reuse = args.reuse.resolve() if args.reuse else None
    if keep is not None and reuse is not None:
        raise UserFacingError("--keep 和 --reuse 只能用一个：--keep 生成并保留数据，--reuse 测量保留的数据。")
    if keep is not None and keep.exists() and any(keep.iterdir()):
        raise UserFacingError(f"文件夹「{keep}」不是空的，请换一个空文件夹或不用 --keep。")

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    data, results = run_all(
        args.docs, args.requests, say, keep, ocr_pages=args.ocr_pages, catalogue_links=args.catalogue_links,
        export_file_kb=args.export_file_kb, reuse=reuse,
    )  # fmt: skip
    if args.json:
        print(as_json(results))
    else:
        header = {"documents": data.documents, "requests": data.requests,
                  "generate_seconds": data.seconds, "machine": machine()}  # fmt: skip
        print(table(results, header))
    # A measurement that ran is a success; whether each target was met is in the report (--strict: exit 1).
    missed = any(m.passed is False for m in results)
    return EXIT_PROBLEM if missed and args.strict else EXIT_OK


SUBCOMMANDS = {
    "bench": Subcommand("生成模拟数据并测量性能（与基线对比），不动真实数据", _arguments, cmd_bench)
}
