"""Command-line arguments: the parser and the argument types. Every refusal is one Chinese line on stderr
and exit code 2 (README 「命令行」), and every number is bounded before any work starts, so nothing runs
for long while it holds the data folder's lock (issue 19: `--year 99999999999999999999`)."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from datetime import date
from typing import NoReturn

from app.cli.common import EXIT_USER_ERROR

MIN_YEAR, MAX_YEAR = 2000, 2100  # the years this office's records can concern
MAX_RECORD_ID = 2**63 - 1  # SQLite's and PostgreSQL's largest integer key
HELP_HINT = "（用 --help 查看用法）"

# argparse's own English messages (Python 3.11), said in Chinese; the rest of the line is kept.
_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^the following arguments are required: (.+)$"), r"缺少参数：\1"),
    (re.compile(r"^unrecognized arguments: (.+)$"), r"无法识别的参数：\1"),
    (
        re.compile(r"^argument (\S+): invalid choice: (.+?) \(choose from (.+)\)$"),
        r"参数 \1 的值 \2 不可用，可选：\3",
    ),
    (re.compile(r"^argument (\S+): invalid \w+ value: (.+)$"), r"参数 \1 的值 \2 格式不正确"),
    (re.compile(r"^argument (\S+): expected one argument$"), r"参数 \1 后面缺少值"),
    (re.compile(r"^argument (\S+): expected (\d+) arguments$"), r"参数 \1 后面应有 \2 个值"),
    (re.compile(r"^argument (\S+): not allowed with argument (\S+)$"), r"参数 \1 不能与 \2 同时使用"),
    (re.compile(r"^ambiguous option: (\S+) could match (.+)$"), r"参数 \1 不明确，可能是 \2"),
    (re.compile(r"^argument (\S+): (.+)$"), r"参数 \1：\2"),  # our own types already speak Chinese
)


def chinese(message: str) -> str:
    for pattern, replacement in _MESSAGES:
        if pattern.match(message):
            return pattern.sub(replacement, message)
    return message


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse prints its usage and an English error over several lines; this says it in one line."""

    def error(self, message: str) -> NoReturn:
        text = " ".join(chinese(message).split())
        self.exit(EXIT_USER_ERROR, f"{self.prog}：{text}{HELP_HINT}\n")


def year(text: str) -> int:
    """`--year`: a plausible year, whatever the service does with it next."""
    value = _integer(text, "年份")
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise argparse.ArgumentTypeError(
            f"年份「{text[:24]}」不正确，请填写 {MIN_YEAR}～{MAX_YEAR} 之间的年份"
        )
    return value


def day(text: str) -> date:
    """A date written 2025-01-24, in a plausible year."""
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期「{text[:24]}」应写成 2025-01-24 的形式") from None
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise argparse.ArgumentTypeError(f"日期「{text}」不正确，年份应在 {MIN_YEAR}～{MAX_YEAR} 之间")
    return value


def whole_number(what: str, low: int, high: int) -> Callable[[str], int]:
    """An argument type for a count from `low` to `high` (said in the refusal)."""

    def parse(text: str) -> int:
        value = _integer(text, what)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{what}「{text[:24]}」应在 {low}～{high:,} 之间")
        return value

    return parse


record_id = whole_number("编号", 1, MAX_RECORD_ID)


def _integer(text: str, what: str) -> int:
    digits = text.strip()
    if not re.fullmatch(r"[+-]?\d{1,4000}", digits):  # Python reads at most 4,300 digits
        raise argparse.ArgumentTypeError(f"{what}「{text[:24]}」应是整数")
    return int(digits)
