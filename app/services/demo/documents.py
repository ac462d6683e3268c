"""Demo 公文: four documents registered with their files, review sheets in several states.

They are this year's documents once their 成文日期 (February and March) has come, else last year's:
texts, 文号 and dates move together by whole years, so none is written after today.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from docx import Document

from app.services.context import AppContext
from app.services.demo.data import DEMO_OFFICE
from app.services.demo.dates import TEMPLATE_YEAR, latest_fitting_year, shift_text, shift_years
from app.services.demo.reviews import demo_review
from app.services.documents.rules import DocumentInput
from app.services.formats.fonts import FontRole, apply_docx_east_asian_font, resolve_font
from app.services.permissions import Actor
from app.services.review.kinds import ItemKind

# (文号, 标题, 正文) as written for 2025; `demo_documents` moves them to the year they are shown in.
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
DETAILS = (  # (成文日期, 主题分类, 体裁, 规范性文件, 签到第几步: 4 = 审批通过并公开)
    (date(2025, 2, 10), "综合政务\\政务公开", "通知", False, 4),
    (date(2025, 2, 20), "农业、林业、水利\\农业、畜牧业、渔业", "通知", False, 2),
    (date(2025, 3, 12), "综合政务\\其他", "通知", False, 0),
    (date(2024, 11, 28), "民政、扶贫、救灾\\社会福利", "其他", True, -1),
)


def documents_shift(today: date) -> int:
    """Years from 2025 to the latest year whose 成文日期 have all come by `today` (may be negative)."""
    return latest_fitting_year(today, max(detail[0] for detail in DETAILS)) - TEMPLATE_YEAR


def demo_documents(today: date) -> tuple[tuple[str, str, str], ...]:
    shift = documents_shift(today)
    return tuple(
        (shift_text(number, shift), shift_text(title, shift), shift_text(body, shift))
        for number, title, body in DEMO_DOCUMENTS
    )


def write_demo_docx(path: Path, number: str, title: str, body: str) -> None:
    document = Document()
    family = resolve_font(FontRole.FANGSONG).docx_family_name
    apply_docx_east_asian_font(document.styles["Normal"], family, 16)
    document.add_paragraph(number)
    document.add_paragraph(title)
    document.add_paragraph(body)
    document.save(str(path))


def seed_documents_demo(ctx: AppContext, actor: Actor, today: date | None = None) -> int:
    """Register the demo documents through the services (audited); returns how many were registered."""

    if ctx.documents.count_all():
        return 0
    day = today or ctx.clock.today()
    shift = documents_shift(day)
    with tempfile.TemporaryDirectory() as work:
        for (number, title, body), (written, topic, genre, normative, steps) in zip(
            demo_documents(day), DETAILS, strict=True
        ):
            path = Path(work) / f"{number}.docx"
            write_demo_docx(path, number, title, body)
            value = DocumentInput(
                title, DEMO_OFFICE.name, doc_number=number, written_on=shift_years(written, shift),
                topic=topic, genre=genre, normative=normative, channels=("政府网站", "公开栏"),
            )  # fmt: skip
            detail = ctx.documents.create(actor, value, (path,))
            if steps < 0:
                continue
            sheet = demo_review(ctx, actor, ItemKind.DOCUMENT, detail.id, steps)
            if sheet.status == "已通过":
                ctx.documents.publish(actor, detail.id, ctx.clock.now(), ("政府网站", "公开栏"))
    return len(DEMO_DOCUMENTS)
