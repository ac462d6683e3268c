"""`import decisions`: the export's columns round-trip; bad rows are listed by number; one transaction."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from app.models import AuditEntry
from app.paths import DataPaths
from app.services.context import AppContext
from app.services.decisions.export import XLSX_HEADERS
from app.services.permissions import Actor
from tests.services.decision_support import draft, install_gate
from tests.travel import python_command

ROOT = Path(__file__).resolve().parents[3]
GOOD = [
    "",
    "老旧小区综合改造实施方案",
    "测试镇人民政府",
    "建设管理办公室",
    "条例",
    "是",
    "否",
    "是",
    "是",
    "是",
    "否",
]


def _sheet(path: Path, rows: list[list[str]], title: str = "2026年决策事项目录") -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(XLSX_HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _row(name: str, planned: str = "2026-10-31", **cells: str) -> list[str]:
    values = dict(zip(XLSX_HEADERS, [*GOOD, planned, "有效"], strict=True))
    values.update({"决策事项名称": name, **cells})
    return [values[header] for header in XLSX_HEADERS]


def test_good_and_bad_rows(ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    path = _sheet(
        tmp_path / "目录.xlsx",
        [
            _row("老旧小区综合改造实施方案"),
            _row(""),
            _row("农贸市场迁建", 公众参与="也许"),
            _row("垃圾分类", "2026-13-01"),
            _row("老旧小区综合改造实施方案", "2026/9/30"),
            _row("养老服务设施布局规划", "2026年9月30日", 听证="是"),
            _row("已停的事项", 状态="已撤销"),
            _row("历史事项", "2019-01-01"),
        ],
    )
    preview = ctx.decisions.imports.preview(path)
    assert [item.draft.name for item in preview.rows] == ["老旧小区综合改造实施方案", "养老服务设施布局规划"]
    assert [row.message() for row in preview.rejected] == [
        "第3行：请填写决策事项名称，例如「赵巷镇老旧小区综合改造实施方案」。",
        "第4行：「公众参与」应填「是」或「否」，表中是「也许」。",
        "第5行：计划完成时间「2026-13-01」不是有效日期，请写成 2025-12-31。",
        "第6行：2026年目录中已有「老旧小区综合改造实施方案」，不重复导入。",
        "第8行：这一项已撤销，不再导入。",
        "第9行：计划完成时间 2019-01-01 应在 2026年1月1日至2028年12月31日之间。",
    ]
    assert ctx.decisions.directory(2026) is None  # the preview saved nothing
    report = ctx.decisions.imports.import_rows(admin, preview)
    assert (report.accepted, len(report.rejected)) == (2, 6)
    info = ctx.decisions.directory(2026)
    assert info is not None and info.status.value == "编制中"
    assert [(i.seq, i.name, i.planned_on, i.procedures.hearing) for i in info.items] == [
        (1, "老旧小区综合改造实施方案", date(2026, 10, 31), False),
        (2, "养老服务设施布局规划", date(2026, 9, 30), True),
    ]
    with ctx.sessions() as session:
        actions = list(session.scalars(select(AuditEntry.action).where(AuditEntry.entity.like("决策%"))))
    assert actions.count("导入") == 1 and actions.count("新建") == 3  # the directory and two items


def test_export_round_trips_and_a_published_year_is_refused(
    ctx: AppContext, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_gate(monkeypatch)
    ctx.decisions.create_directory(admin, 2025)
    for name in ("甲事项", "乙事项"):
        ctx.decisions.add_item(admin, 2025, draft(name))
    exported = tmp_path / "导出.xlsx"
    ctx.decisions.export_xlsx(admin, 2025, exported)
    ctx.decisions.delete_item(admin, ctx.decisions.directory(2025).items[1].id)  # type: ignore[union-attr]
    report = ctx.decisions.imports.import_file(admin, exported)
    assert report.accepted == 1 and "已有「甲事项」" in report.rejected[0].reason
    info = ctx.decisions.directory(2025)
    assert info is not None and [i.name for i in info.items] == ["甲事项", "乙事项"]
    ctx.decisions.publish_directory(admin, 2025, date(2025, 3, 20))
    again = ctx.decisions.imports.preview(_sheet(tmp_path / "增.xlsx", [_row("丙事项")], "2025年目录"))
    assert not again.rows and "已公布" in again.rejected[0].reason


def test_year_must_be_known(ctx: AppContext, tmp_path: Path) -> None:
    preview = ctx.decisions.imports.preview(_sheet(tmp_path / "目录.xlsx", [_row("甲")], title="Sheet"))
    assert "看不出是哪一年" in preview.rejected[0].reason


@pytest.mark.slow
def test_command_line_json(data_paths: DataPaths, tmp_path: Path) -> None:
    path = _sheet(tmp_path / "目录.xlsx", [_row("老旧小区综合改造实施方案"), _row("")])
    command = [
        *python_command(),
        "main.py",
        "--data-dir",
        str(data_paths.root),
        "import",
        "decisions",
        str(path),
    ]
    done = subprocess.run(
        [*command, "--json"], capture_output=True, text=True, encoding="utf-8", check=False, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "accepted": 1,
        "rejected": ["第3行：请填写决策事项名称，例如「赵巷镇老旧小区综合改造实施方案」。"],
    }
