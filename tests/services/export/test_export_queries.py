"""Issue 24: a package's gate check, catalogue and history are set-based — the number of SQL statements an
export runs does not grow with the number of items it carries (no per-item round trip)."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from sqlalchemy import event, func, select

from app.models.export import ExportItem
from app.services.context import AppContext
from app.services.export.service import ExportMode
from app.services.permissions import Actor
from tests.conftest import TEST_NOW
from tests.services.export.test_export_registers import _sheet
from tests.services.personal_data_support import published_document


@contextmanager
def counted(ctx: AppContext) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(ctx.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(ctx.engine, "before_cursor_execute", count)


def _documents(ctx: AppContext, tmp: Path, first: int, count: int) -> None:
    """Published documents: even ones cleared by an approved 保密审查单, odd ones by their imported
    history; each with its own attachment, so the catalogue, the gate and the files all scale with N."""
    for n in range(first, first + count):
        doc = published_document(ctx, tmp, n, files=((f"附件{n}.txt", f"第{n}号通知正文".encode()),))
        if n % 2 == 0:
            _sheet(ctx, "document", doc, TEST_NOW - timedelta(days=1))


def _export(ctx: AppContext, admin: Actor, out: Path) -> tuple[int, int]:
    """(statements run, items carried) for a full build."""
    with counted(ctx) as statements:
        result = ctx.exports.build(admin, out, ExportMode.FULL)
    return len(statements), result.items


def test_an_export_runs_as_many_queries_for_50_items_as_for_10(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    _documents(office_ctx, tmp_path, 1, 10)
    small, carried = _export(office_ctx, admin, tmp_path / "10.zip")
    assert carried == 10
    _documents(office_ctx, tmp_path, 11, 40)
    large, carried = _export(office_ctx, admin, tmp_path / "50.zip")
    assert carried == 50
    assert large <= small + 2, f"{small} statements for 10 items, {large} for 50"
    with zipfile.ZipFile(tmp_path / "50.zip") as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert len(manifest["items"]) == 50 and all(len(item["files"]) == 1 for item in manifest["items"])
    with office_ctx.sessions() as session:  # the history holds every item, written in one executemany
        assert session.scalar(select(func.count()).select_from(ExportItem)) == 60


def test_the_gate_check_of_many_items_is_a_few_queries(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    _documents(office_ctx, tmp_path, 1, 30)
    with counted(office_ctx) as statements:
        plan = office_ctx.exports.preview(admin, ExportMode.FULL)
    assert len(plan.items) == 30
    gate = [s for s in statements if "review_sheets" in s]
    assert len(gate) <= 2, gate  # the sheets of all 30 items at once (not one query per item)
