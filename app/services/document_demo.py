"""Demo 公文: the four DEMO_DOCUMENTS registered with their files, review sheets in several states."""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path

from app.services.context import AppContext
from app.services.document_rules import DocumentInput
from app.services.permissions import Actor, Role

# People of the demo office who sign review sheets (not log-in accounts: single-account mode stays on).
DEMO_SIGNERS = {
    "承办人初审": Actor(None, "demo-chenjing", "陈静", frozenset({Role.CLERK})),
    "科室负责人审核": Actor(None, "demo-zhouqiang", "周强", frozenset({Role.SECTION_HEAD})),
    "保密审查员审查": Actor(None, "demo-wuli", "吴丽", frozenset({Role.SECRECY_REVIEWER})),
    "分管领导审批": Actor(None, "demo-sunhua", "孙华", frozenset({Role.LEADER})),
}
DETAILS = (  # (成文日期, 主题分类, 体裁, 规范性文件, 签到第几步: 4 = 审批通过并公开)
    (date(2025, 2, 10), "综合政务\\政务公开", "通知", False, 4),
    (date(2025, 2, 20), "农业、林业、水利\\农业、畜牧业、渔业", "通知", False, 2),
    (date(2025, 3, 12), "综合政务\\其他", "通知", False, 0),
    (date(2024, 11, 28), "民政、扶贫、救灾\\社会福利", "其他", True, -1),
)


def seed_documents_demo(ctx: AppContext, actor: Actor) -> int:
    """Register the demo documents through the services (audited); returns how many were registered."""
    from app.services.demo import DEMO_DOCUMENTS, DEMO_OFFICE, _write_demo_docx

    if ctx.documents.count_all():
        return 0
    with tempfile.TemporaryDirectory() as work:
        for (number, title, body), (written, topic, genre, normative, steps) in zip(
            DEMO_DOCUMENTS, DETAILS, strict=True
        ):
            path = Path(work) / f"{number}.docx"
            _write_demo_docx(path, number, title, body)
            value = DocumentInput(
                title, DEMO_OFFICE.name, doc_number=number, written_on=written, topic=topic, genre=genre,
                normative=normative, channels=("政府网站", "公开栏"),
            )  # fmt: skip
            detail = ctx.documents.create(actor, value, (path,))
            if steps < 0:
                continue
            sheet = ctx.reviews.create_for_document(actor, detail.id)
            for step in sheet.steps[:steps]:
                final = step == sheet.steps[-1]
                sheet = ctx.reviews.sign(DEMO_SIGNERS[step], sheet.id, True, "经审查，不涉密，同意。",
                                         "同意公开" if final else "")  # fmt: skip
            if sheet.status == "已通过":
                ctx.documents.publish(actor, detail.id, datetime.now(), ("政府网站", "公开栏"))
    return len(DEMO_DOCUMENTS)
