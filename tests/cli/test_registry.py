"""The subcommand registry (issue 20): the parser and the dispatch table come from the same declarations."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from app.cli import COMMANDS, SUBCOMMANDS, build_parser, main


def _choices(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def test_every_command_is_parsed_and_dispatched_in_one_order() -> None:
    assert list(_choices(build_parser())) == list(SUBCOMMANDS) == list(COMMANDS)
    assert list(COMMANDS)[:5] == ["demo", "backup", "restore", "check", "office"]
    assert list(COMMANDS)[-2:] == ["import", "export"]


def test_import_and_export_list_every_ledger_and_the_package_commands() -> None:
    commands = _choices(build_parser())
    assert list(_choices(commands["import"])) == ["decisions", "documents", "requests"]
    assert list(_choices(commands["export"])) == ["documents", "requests", "package", "verify"]


def test_a_group_runs_the_subcommand_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["--data-dir", str(tmp_path), "calendar", "status"]) == 0
    assert 2026 in json.loads(capsys.readouterr().out)["covered_years"]
    with pytest.raises(SystemExit) as stop:
        main(["--data-dir", str(tmp_path), "office"])
    assert stop.value.code == 2 and "缺少参数" in capsys.readouterr().err
