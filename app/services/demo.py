"""Believable demo data for a town office, created through the services like real work."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document

from app.services.common import IsCancelled, Progress, check_cancel, never_cancelled, no_progress
from app.services.context import AppContext
from app.services.decision_demo import seed_decisions_demo
from app.services.document_demo import seed_documents_demo
from app.services.fonts import FontRole, apply_docx_east_asian_font, resolve_font
from app.services.permissions import Actor
from app.services.posting_demo import seed_postings_demo
from app.services.report_demo import seed_report_demo
from app.services.request_demo import seed_request_demo
from app.services.settings import OfficeInfo
from app.services.workplan_demo import seed_workplan_demo

DEMO_OFFICE = OfficeInfo(
    name="上海市青浦区赵巷镇人民政府",
    org_code="11310118MB2F40001X",
    address="上海市青浦区赵巷镇镇中路 100 号",
    phone="021-59750000",
)
DEMO_BOARDS = ["镇政府公开栏", "便民服务中心公开栏", "赵巷村公开栏", "方夏村公开栏", "中步村公开栏"]
# (文号, 标题, 正文) — each becomes an attachment file now and a registered 公文 once the register exists.
DEMO_DOCUMENTS: tuple[tuple[str, str, str], ...] = (
    (
        "赵府办〔2025〕12号",
        "关于印发《赵巷镇2025年政务公开工作要点》的通知",
        "各村（居）委会，镇属各单位：现将《赵巷镇2025年政务公开工作要点》印发给你们，请认真贯彻执行。",
    ),
    (
        "赵府发〔2025〕3号",
        "赵巷镇人民政府关于做好2025年春耕生产工作的通知",
        "为切实做好今年春耕生产，确保粮食生产稳定，现就有关事项通知如下。",
    ),
    (
        "赵府办〔2025〕27号",
        "关于公布赵巷镇2025年重大行政决策事项目录的通知",
        "根据《重大行政决策程序暂行条例》，经镇政府常务会议研究，现将本镇2025年重大行政决策事项目录予以公布。",
    ),
    (
        "赵府发〔2024〕41号",
        "赵巷镇最低生活保障对象动态管理办法",
        "为进一步规范最低生活保障工作，根据有关规定，结合本镇实际，制定本办法。",
    ),
)


DEMO_ADMIN = ("admin", "李明", "zwgk2025")  # single-account mode: no log-in prompt until a 2nd account


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


def seed_demo(
    ctx: AppContext, progress: Progress = no_progress, is_cancelled: IsCancelled = never_cancelled
) -> DemoResult:
    if ctx.settings.office() is not None and ctx.settings.boards():
        return DemoResult(DEMO_OFFICE.name, len(ctx.settings.boards()), 0, True)
    actor = demo_actor(ctx)
    ctx.settings.save_office(actor, DEMO_OFFICE)
    ctx.settings.save_boards(actor, DEMO_BOARDS)
    seed_decisions_demo(ctx, actor)
    seed_workplan_demo(ctx, actor)
    seed_request_demo(ctx, actor)
    seed_documents_demo(ctx, actor)
    seed_postings_demo(ctx, actor)
    seed_report_demo(ctx, actor)
    progress(20, "已写入单位信息")
    with tempfile.TemporaryDirectory() as work:
        for index, (number, title, body) in enumerate(DEMO_DOCUMENTS):
            check_cancel(is_cancelled)
            path = Path(work) / f"{number}.docx"
            _write_demo_docx(path, number, title, body)
            ctx.attachments.add_file(path, f"{number} {title}.docx")
            progress(20 + 80 * (index + 1) // len(DEMO_DOCUMENTS), f"已生成示例公文 {index + 1}")
    return DemoResult(DEMO_OFFICE.name, len(DEMO_BOARDS), len(DEMO_DOCUMENTS), False)


def _write_demo_docx(path: Path, number: str, title: str, body: str) -> None:
    document = Document()
    family = resolve_font(FontRole.FANGSONG).docx_family_name
    apply_docx_east_asian_font(document.styles["Normal"], family, 16)
    document.add_paragraph(number)
    document.add_paragraph(title)
    document.add_paragraph(body)
    document.save(str(path))
