"""Believable demo data for a town office, created through the services like real work.

Its dates are placed relative to today (`ctx.clock`), so it can be written on any date; it is written
all or nothing into an empty data folder (app/services/demo_guard.py).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.errors import UserFacingError
from app.services.common import IsCancelled, Progress, check_cancel, never_cancelled, no_progress
from app.services.context import AppContext
from app.services.demo.data import DEMO_ADMIN, DEMO_BOARDS, DEMO_OFFICE
from app.services.demo.decisions import seed_decisions_demo
from app.services.demo.documents import DEMO_DOCUMENTS, demo_documents, seed_documents_demo, write_demo_docx
from app.services.demo.guard import all_or_nothing, is_complete, mark_complete, refuse_unless_empty
from app.services.demo.postings import seed_postings_demo
from app.services.demo.report import seed_report_demo
from app.services.demo.requests import seed_request_demo
from app.services.demo.workplan import seed_workplan_demo
from app.services.permissions import Actor


def demo_actor(ctx: AppContext) -> Actor:
    """The demo's administrator, created if the data folder has no account yet."""
    if ctx.accounts.count() == 0:
        return ctx.accounts.create_first_admin(*DEMO_ADMIN)
    actor = ctx.accounts.auto_login()
    if actor is None:
        actor = ctx.accounts.authenticate(DEMO_ADMIN[0], DEMO_ADMIN[2])
    return actor


@dataclass(frozen=True)
class DemoResult:
    office: str
    boards: int
    attachments: int
    already_present: bool
    today: date | None = None  # the day the demo's dates were placed around (None: written earlier)


def seed_demo(
    ctx: AppContext, progress: Progress = no_progress, is_cancelled: IsCancelled = never_cancelled
) -> DemoResult:
    """The whole demo, or nothing: a failure or a cancel leaves the folder as it was.

    A complete demo is reported as `already_present`; a folder with other data is refused.
    """
    if is_complete(ctx):
        return DemoResult(DEMO_OFFICE.name, len(ctx.settings.boards()), 0, True)
    refuse_unless_empty(ctx)
    today = ctx.clock.today()  # one day for every part
    try:
        with all_or_nothing(ctx):
            actor = demo_actor(ctx)
            _seed(ctx, actor, today, progress, is_cancelled)
            mark_complete(ctx, actor)
    except UserFacingError:
        if ctx.clock.today() == today:
            raise
        # Midnight passed while writing (a posting signed off tomorrow cannot go up today): all again.
        return seed_demo(ctx, progress, is_cancelled)
    progress(100, "示例数据已写入")
    return DemoResult(DEMO_OFFICE.name, len(DEMO_BOARDS), len(DEMO_DOCUMENTS), False, today)


def _seed(ctx: AppContext, actor: Actor, today: date, progress: Progress, is_cancelled: IsCancelled) -> None:
    ctx.settings.save_office(actor, DEMO_OFFICE)
    ctx.settings.save_boards(actor, DEMO_BOARDS)
    parts: tuple[tuple[str, Callable[[], object]], ...] = (
        ("决策事项目录", lambda: seed_decisions_demo(ctx, actor, today)),
        ("工作要点", lambda: seed_workplan_demo(ctx, actor, today)),
        ("依申请公开", lambda: seed_request_demo(ctx, actor, today)),
        ("公文", lambda: seed_documents_demo(ctx, actor, today)),
        ("公开栏张贴", lambda: seed_postings_demo(ctx, actor, today)),
        ("年度报告", lambda: seed_report_demo(ctx, actor, today)),
        ("附件", lambda: _attach_documents(ctx, today)),
    )
    for index, (name, seed) in enumerate(parts):
        check_cancel(is_cancelled)
        seed()
        progress(90 * (index + 1) // len(parts), f"已写入{name}")


def _attach_documents(ctx: AppContext, today: date) -> None:
    """The documents' files once more as plain attachments, as the demo always had them."""
    with tempfile.TemporaryDirectory() as work:
        for number, title, body in demo_documents(today):
            path = Path(work) / f"{number}.docx"
            write_demo_docx(path, number, title, body)
            ctx.attachments.add_file(path, f"{number} {title}.docx")
