"""What every command module shares: exit codes, the command line's actor, JSON output, opening the data
folder, and the shape of a subcommand declaration (the registry in app/cli/__init__.py reads it)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from app.paths import DataPaths
from app.services.permissions import COMMAND_LINE, SYSTEM

if TYPE_CHECKING:
    from app.services.context import AppContext

# README 「命令行」: 0 done; 1 a problem found (check, verify, bench --strict) or a bug; 2 refused.
EXIT_OK, EXIT_PROBLEM, EXIT_USER_ERROR = 0, 1, 2

# Commands run with the operating system's access to the data folder; the audit log names them 命令行, and
# where a service allows it they act as the folder's 管理员 (permissions.is_command_line).
CLI_ACTOR = replace(SYSTEM, username=COMMAND_LINE, display_name="命令行")

Handler = Callable[[DataPaths, argparse.Namespace], int]
AddArguments = Callable[[argparse.ArgumentParser], None]


@dataclass(frozen=True)
class Subcommand:
    """One `python main.py NAME …`: its one-line help, its arguments and the function that runs it."""

    help: str
    add_arguments: AddArguments
    handler: Handler


def no_arguments(_parser: argparse.ArgumentParser) -> None:
    """For a subcommand that takes nothing but the global options."""


def group(
    help_text: str, dest: str, members: Mapping[str, Subcommand], metavar: str = "SUBCOMMAND"
) -> Subcommand:
    """A command with subcommands of its own (`calendar deadline`, `import documents` …), declared the same
    way; `args.<dest>` names the one chosen."""

    def add_arguments(parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest=dest, metavar=metavar, required=True)
        for name, member in members.items():
            member.add_arguments(sub.add_parser(name, help=member.help))

    def handler(paths: DataPaths, args: argparse.Namespace) -> int:
        return members[getattr(args, dest)].handler(paths, args)

    return Subcommand(help_text, add_arguments, handler)


def print_json(data: Any, *, indent: int | None = 2) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=indent, default=str))


@contextmanager
def opened(paths: DataPaths) -> Iterator[AppContext]:
    """The data folder's services for one command, closed whatever happens. Imported here, not at the top,
    so `--help` and `fee` never load SQLAlchemy and the models."""
    from app.services.context import open_data_folder

    ctx = open_data_folder(paths)
    try:
        yield ctx
    finally:
        ctx.close()
