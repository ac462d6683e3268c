"""`calendar …` and `fee …` subcommands: working-day deadlines, holiday import/status, 信息处理费."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.args import day, whole_number, year
from app.cli.common import EXIT_OK, EXIT_USER_ERROR, Subcommand, group, no_arguments, opened, print_json
from app.errors import UserFacingError
from app.paths import DataPaths
from app.services.requests.fees import MAX_MONTHLY_APPLICATIONS, MAX_PAGES

CHANNELS = ("当面", "挂号邮寄", "平信", "网络", "传真")


def _deadline_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--received", type=day, required=True, help="收到申请之日，如 2024-09-27")
    parser.add_argument("--channel", choices=CHANNELS, default="当面", help="申请渠道（默认当面）")
    parser.add_argument("--correction-received", type=day, help="收到补正之日（答复期限重新起算）")
    parser.add_argument("--extended", action="store_true", help="经负责人同意延长20个工作日")
    parser.add_argument("--approver", default="负责人（命令行试算）", help="延期批准人")
    parser.add_argument(
        "--pause",
        nargs=2,
        type=day,
        action="append",
        default=[],
        metavar=("START", "END"),
        help="暂停计算的区间（不含开始日，含结束日），可多次",
    )
    parser.add_argument("--json", action="store_true", help="输出 JSON")


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path)
    parser.add_argument("--year", type=year, help="年份（默认从通知标题读取）")
    parser.add_argument(
        "--yes",
        "--confirm",
        dest="yes",
        action="store_true",
        help="通知缺少节日、或会改变已录入日期的上班休息时，核对后仍然导入（否则只列出差异，退出码 2）",
    )


def _fee_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--by-count", action="store_true", help="按件计收")
    applications = whole_number("本月申请件数", 1, MAX_MONTHLY_APPLICATIONS)
    parser.add_argument("--ordinal", type=applications, help="与 --by-count 一起：本自然月第 N 件申请的收费")
    parser.add_argument(
        "--count", type=applications, help="与 --by-count 一起：本自然月累计 N 件申请的总收费"
    )
    parser.add_argument(
        "--by-pages", type=whole_number("页数", 1, MAX_PAGES), metavar="N", help="按量计收：一件申请 N 页"
    )


def _deadline(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.requests.deadline_explain import explain, render_all
    from app.services.requests.deadlines import (
        Channel,
        Extension,
        Pause,
        RequestEvents,
        compute,
    )

    channel = Channel(args.channel)
    events = RequestEvents(
        "命令行试算",
        channel,
        arrived=args.received,
        confirmed=args.received,
        correction_sent=args.correction_received,
        correction_received=args.correction_received,
        extensions=(Extension(20, args.approver),) if args.extended else (),
        pauses=tuple(Pause(start, end, "命令行指定的暂停") for start, end in args.pause),
    )
    with opened(paths) as ctx:  # seeds the package's years (idempotent): the calendar the deadlines use
        calendar = ctx.calendar.calendar()
        policy = ctx.requests.policy()
        result = compute(events, calendar, policy, args.received)  # status is not printed here
        text = render_all(explain(events, calendar, policy))
    data = {
        "received": result.received,
        "due": result.due,
        "provisional": bool(result.provisional_years),  # a year without its notice was assumed (issue 18)
        "provisional_years": list(result.provisional_years),
        "correction_notice_due": result.correction_notice_due,
        "correction_notice_due_provisional": bool(result.correction_provisional_years),
        "explanation": text,
    }
    if args.json:
        print_json(data)
    else:
        due = f"{result.due}{_provisional_mark(result.provisional_years)}"
        correction = f"{result.correction_notice_due}{_provisional_mark(result.correction_provisional_years)}"
        print(f"答复期限：{due}\n补正告知期限：{correction}\n\n{text}")
    return EXIT_OK


def _provisional_mark(years: tuple[int, ...]) -> str:
    from app.services.workdays.provisional import provisional_note

    return f"（暂定：{provisional_note(years)}）" if years else ""


def _import(paths: DataPaths, args: argparse.Namespace) -> int:
    """Save a notice or CSV; a missing festival or a change to loaded days is saved only with --yes."""
    from app.services.permissions import SYSTEM
    from app.services.workdays.holiday_notice import changes_against, parse_import

    try:
        data = args.file.read_bytes()
    except FileNotFoundError:
        raise UserFacingError(f"找不到文件：{args.file}，请检查路径。") from None
    arrangement = parse_import(data, args.year)
    with opened(paths) as ctx:
        service = ctx.calendar
        changes = changes_against(arrangement, service.calendar())
        to_confirm = len(arrangement.warnings) + len(changes)
        saved = not to_confirm or args.yes
        changed = service.save_arrangement(SYSTEM, arrangement) if saved else []
        moved = ctx.requests.reflow_after_calendar_change(SYSTEM) if saved else []  # 暂定 dates corrected
    print_json(
        {
            "year": arrangement.year,
            "source": arrangement.source,
            "entries": len(arrangement.entries),
            "saved": saved,
            "warnings": list(arrangement.warnings),
            "changes": changes,
            "changed_days": [day.isoformat() for day in changed],
            "requests": [
                {
                    "number": case.number,
                    "old_due": case.old_due,
                    "new_due": case.new_due,
                    "was_provisional": case.was_provisional,
                    "still_provisional_years": list(case.provisional_years),
                }
                for case in moved
            ],
        }
    )
    if not saved:
        print(
            f"有 {to_confirm} 处需要核对（见 warnings 和 changes），未导入；核对无误后加 --yes 重新运行。",
            file=sys.stderr,
        )
        return EXIT_USER_ERROR
    return EXIT_OK


def _status(paths: DataPaths, _args: argparse.Namespace) -> int:
    with opened(paths) as ctx:
        years = ctx.calendar.years()
        missing = ctx.calendar.missing_next_year()
    print_json(
        {
            "covered_years": [info.year for info in years],
            "years": [
                {
                    "year": i.year,
                    "source": i.source,
                    "origin": i.origin,
                    "loaded_at": i.loaded_at,
                    "rest_days": i.rest_days,
                    "work_days": i.work_days,
                }
                for i in years
            ],
            "missing_next_year": missing,
        }
    )
    return EXIT_OK


def cmd_fee(_paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.requests.fees import assess_case_fee, cumulative_by_count

    if args.by_count and args.by_pages is not None:
        assess_case_fee(ordinal=1, pages=args.by_pages)  # raises: one method per case
    if args.by_count:
        if (args.ordinal is None) == (args.count is None):
            raise UserFacingError(
                "按件计收请给出 --ordinal N（第 N 件的收费）或 --count N（N 件累计）其中之一。"
            )
        if args.count is not None:
            print_json({"method": "按件", "count": args.count, "amount": cumulative_by_count(args.count)})
            return EXIT_OK
        result = assess_case_fee(ordinal=args.ordinal)
        print_json(
            {
                "method": str(result.method),
                "ordinal": args.ordinal,
                "amount": result.amount,
                "basis": result.basis,
            }
        )
        return EXIT_OK
    if args.by_pages is not None:
        result = assess_case_fee(pages=args.by_pages)
        print_json(
            {
                "method": str(result.method),
                "pages": args.by_pages,
                "amount": result.amount,
                "basis": result.basis,
            }
        )
        return EXIT_OK
    raise UserFacingError("请选择计费方式：--by-count --ordinal N、--by-count --count N 或 --by-pages N。")


SUBCOMMANDS = {
    "calendar": group(
        "工作日期限计算、节假日安排导入和查看",
        "calendar_command",
        {
            "deadline": Subcommand(
                "计算答复期限和补正告知期限，并说明计算过程", _deadline_arguments, _deadline
            ),
            "import": Subcommand("导入国务院放假安排通知（文本）或 CSV", _import_arguments, _import),
            "status": Subcommand("已录入放假安排的年份（JSON）", no_arguments, _status),
        },
    ),
    "fee": Subcommand("计算信息处理费（国办函〔2020〕109号）", _fee_arguments, cmd_fee),
}
