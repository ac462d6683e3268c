"""`catalogue …`: the 基层政务公开标准目录 (issue 23) — import, due dates, compliance check, villages and
the 自查自纠 report. Each part declares its own subcommands; this module only groups them."""

from __future__ import annotations

from app.cli import catalogue_check, catalogue_items, catalogue_report, catalogue_villages
from app.cli.common import Subcommand, group

_MEMBERS: dict[str, Subcommand] = {
    **catalogue_items.SUBCOMMANDS,
    **catalogue_check.SUBCOMMANDS,
    **catalogue_villages.SUBCOMMANDS,
    **catalogue_report.SUBCOMMANDS,
}

SUBCOMMANDS = {
    "catalogue": group(
        "基层政务公开标准目录：导入、公开期限、公开情况检查、村（居）务公开、自查自纠报告",
        "catalogue_command",
        _MEMBERS,
    )
}
