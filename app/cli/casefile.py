"""`request casefile --number 受理编号 --out FILE.pdf` and `request casefiles --year Y --out-dir DIR`: the
案卷 of one case or of a year (issue 22). Letters come in as PDF through LibreOffice when it is installed,
otherwise as text pages; the output says which."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.args import year
from app.cli.common import CLI_ACTOR, EXIT_OK, Subcommand, group, opened, print_json
from app.errors import UserFacingError
from app.paths import DataPaths


def _one_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--number", required=True, help="受理编号，如 2026-003")
    parser.add_argument("--out", type=Path, required=True, help="输出 PDF 文件")


def _year_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=year, required=True, help="登记年份")
    parser.add_argument("--out-dir", type=Path, required=True, help="输出文件夹（每件申请一个 PDF）")


def _pdf_target(path: Path) -> Path:
    if path.suffix.lower() != ".pdf":
        raise UserFacingError(f"「{path.name}」不是 .pdf 文件名，请写成例如 案卷.pdf。")
    return path.resolve()


def _one(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.requests.casefile.build import CaseFileBuilder

    target = _pdf_target(args.out)
    with opened(paths) as ctx:
        case_id = ctx.requests.find_id(args.number)
        if case_id is None:
            raise UserFacingError(f"找不到受理编号为「{args.number[:60]}」的申请，请核对编号。")
        office = ctx.settings.office()
        builder = CaseFileBuilder.with_local_office(ctx.sessions, ctx.attachments)
        result = builder.build(CLI_ACTOR, case_id, target, office.name if office else "")
    print_json(
        {
            "number": result.number,
            "out": str(result.path),
            "pages": result.pages,
            "letters": str(result.letters_as),
            "toc": [{"题名": row.title, "日期": row.on_date, "页号": row.page} for row in result.toc],
        }
    )
    return EXIT_OK


def _year(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.requests.casefile.batch import build_year
    from app.services.requests.casefile.build import CaseFileBuilder

    with opened(paths) as ctx:
        office = ctx.settings.office()
        builder = CaseFileBuilder.with_local_office(ctx.sessions, ctx.attachments)
        result = build_year(
            CLI_ACTOR, builder, ctx.sessions, args.year, args.out_dir.resolve(), office.name if office else ""
        )
    print(result.summary())
    return EXIT_OK


SUBCOMMANDS = {
    "request": group(
        "依申请公开件：生成案卷（封面、卷内目录、文书和案卷材料）",
        "request_command",
        {
            "casefile": Subcommand("生成一件申请的案卷 PDF", _one_arguments, _one),
            "casefiles": Subcommand("生成某年全部申请的案卷（每件一个 PDF）", _year_arguments, _year),
        },
    )
}
