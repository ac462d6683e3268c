"""Straight to the window when the command line names no command (issue 24): `main.py` checks here
before importing app.cli, whose command modules pull in SQLAlchemy and the services — too slow for the
first paint. Anything else (a command, --help, --version, server mode) goes to app.cli as before."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from app.paths import DataPaths, default_data_dir

FLAGS = ("--debug", "--demo", "--smoke-test", "--startup-probe")  # as app.cli.build_parser declares them
WITH_PATH = ("--data-dir", "--screenshots")


def window_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The window's options, or None when `argv` holds anything else (app.cli parses it then)."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    for option in WITH_PATH:
        parser.add_argument(option, type=Path)
    for flag in FLAGS:
        parser.add_argument(flag, action="store_true")
    try:
        args, rest = parser.parse_known_args(list(argv))
    except (argparse.ArgumentError, SystemExit):  # e.g. --data-dir without a folder: app.cli says so
        return None
    return None if rest else args


def run_window(args: argparse.Namespace, started: float) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    from app.ui.application import run_gui

    paths = DataPaths(args.data_dir.resolve() if args.data_dir else default_data_dir())
    return run_gui(args, paths, started)
