"""Command-line arguments: the parser and the argument types. Every refusal is one Chinese line on stderr
and exit code 2 (README 「命令行」), and every number is bounded before any work starts, so nothing runs
for long while it holds the data folder's lock (issue 19: `--year 99999999999999999999`)."""

from __future__ import annotations

import argparse
import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, NoReturn

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


# What a value is called in the help (`--data-dir 文件夹`, as the README writes it), by argument name;
# argparse would print the name in capitals (DATA_DIR). Arguments with choices show their choices.
METAVARS = {
    "address": "地址",
    "approver": "批准人",
    "attachments_dir": "文件夹",
    "body_file": "文件",
    "code": "机构代码",
    "correction_received": "日期",
    "count": "N",
    "data_dir": "文件夹",
    "date": "日期",
    "db_url": "连接地址",
    "docs": "件数",
    "file": "文件",
    "id": "编号",
    "json": "文件",
    "keep": "文件夹",
    "limit": "条数",
    "name": "名称",
    "ordinal": "N",
    "out": "文件",
    "parts": "部分",
    "phone": "电话",
    "qr": "网址",
    "query": "检索词",
    "received": "日期",
    "requests": "件数",
    "screenshots": "文件夹",
    "since": "日期",
    "target_attachments": "文件夹",
    "target_url": "连接地址",
    "title": "标题",
    "today": "日期",
    "unit": "单位",
    "year": "年份",
}
ENGLISH_METAVARS = {"START": "开始", "END": "结束", "COMMAND": "命令", "SUBCOMMAND": "子命令", "KIND": "类别"}


class ChineseHelpFormatter(argparse.HelpFormatter):
    """argparse's own words in the help, in Chinese: 「用法：」 instead of "usage: "."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def format_help(self) -> str:
        column = min(self._action_max_length + 2, self._max_help_position)
        return "\n".join(_realign(line, column) for line in super().format_help().split("\n"))

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:  # measured in columns, so the help column clears it
            width = _columns(self._format_action_invocation(action)) + self._current_indent
            self._action_max_length = max(self._action_max_length, width)

    def _split_lines(self, text: str, width: int) -> list[str]:
        """Wrapped by what the terminal shows (a Chinese character takes two columns), between characters
        but never inside a word or a web address, nor before a closing mark such as ，。）."""
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line: list[str] = []
            for token in _TOKENS.findall(" ".join(paragraph.split())):
                if "".join(line).strip() and _columns("".join([*line, token])) > width:
                    # a closing mark never starts a line: the character before it moves down too
                    carried = [line.pop()] if token in _NO_BREAK_BEFORE and len(line) > 1 else []
                    lines.append("".join(line).rstrip())
                    line = [*carried, token] if carried or token.strip() else []
                else:
                    line.append(token)
            lines.append("".join(line).rstrip())
        return lines

    def _get_default_metavar_for_optional(self, action: argparse.Action) -> str:
        return METAVARS.get(action.dest, "值")

    def _get_default_metavar_for_positional(self, action: argparse.Action) -> str:
        return METAVARS.get(action.dest, action.dest)


_TOKENS = re.compile(r"[!-~]+|\s|.")  # a run of ASCII (a word, a number, a URL), a space, one character
_NO_BREAK_BEFORE = frozenset("，。、；：）」』》？！")


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _realign(line: str, column: int) -> str:
    """argparse pads `--data-dir 文件夹` by characters; pad it by columns so the help texts line up."""
    head, tail = line[:column], line[column:]
    extra = _columns(head) - len(head)
    if not extra or not tail or tail[0] == " " or not head.endswith("  "):
        return line
    name = head.rstrip(" ")
    return name + " " * max(2, len(head) - len(name) - extra) + tail


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse prints its usage and an English error over several lines; this says it in one line, and its
    help says 用法、位置参数、选项 and 「显示本帮助并退出」 (subcommands are built with this class too)."""

    def __init__(self, **kwargs: Any) -> None:  # argparse builds subcommand parsers with keywords only
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出"
            )

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        action = super().add_argument(*args, **kwargs)
        if isinstance(action.metavar, tuple):
            action.metavar = tuple(ENGLISH_METAVARS.get(name, name) for name in action.metavar)
        elif isinstance(action.metavar, str):
            action.metavar = ENGLISH_METAVARS.get(action.metavar, action.metavar)
        elif action.nargs != 0 and action.choices is None and action.dest in METAVARS:
            action.metavar = METAVARS[action.dest]  # also what a refusal calls it (缺少参数：文件)
        return action

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs["metavar"] = ENGLISH_METAVARS.get(kwargs.get("metavar", ""), kwargs.get("metavar"))
        return super().add_subparsers(**kwargs)

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
