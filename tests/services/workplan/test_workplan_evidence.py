"""Evidence picked from the registers: a 公文, a 公开栏张贴 or a 决策事项 is linked by its id."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.errors import UserFacingError
from app.models.decision import DecisionDirectory, DecisionItem
from app.models.document import Document
from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.workplan.query import TaskFilter
from app.services.workplan.service import WorkplanService

TAIAN = Path(__file__).parents[1] / "data" / "notice_taian_finance_2021.txt"


@pytest.fixture
def service(office_ctx: AppContext, admin: Actor) -> WorkplanService:
    office_ctx.workplan.import_plan(admin, office_ctx.workplan.preview_file(TAIAN, 2021))
    with office_ctx.sessions.begin() as session:
        for n, (number, title) in enumerate(
            [
                ("赵府办〔2021〕7号", "关于印发2021年政务公开工作要点的通知"),
                ("", "赵巷镇100%覆盖_公开栏建设方案"),
            ],
            start=1,
        ):
            session.add(
                Document(
                    index_no=f"ORG/2021-{n:05d}",
                    doc_number=number,
                    title=title,
                    publisher="测试镇人民政府",
                    written_on=date(2021, 3, n),
                    disclosure="主动公开",
                )
            )
        directory = DecisionDirectory(year=2021, status="已公布")
        session.add(directory)
        session.flush()
        session.add(
            DecisionItem(
                directory_id=directory.id,
                seq=1,
                name="赵巷镇集镇停车管理办法",
                subject="测试镇人民政府",
                undertaker="党政办",
                planned_on=date(2021, 10, 31),
            )
        )
    return office_ctx.workplan


def test_candidates_are_found_by_number_or_title_taken_literally(service: WorkplanService) -> None:
    documents = service.evidence_candidates("公文")
    assert [c.label for c in documents] == [
        "赵巷镇100%覆盖_公开栏建设方案",  # newest first
        "赵府办〔2021〕7号 关于印发2021年政务公开工作要点的通知",
    ]
    assert [c.label for c in service.evidence_candidates("公文", "〔2021〕7号")][0].startswith("赵府办")
    assert [c.label for c in service.evidence_candidates("公文", "100%覆盖_")] == [
        "赵巷镇100%覆盖_公开栏建设方案"
    ]
    assert service.evidence_candidates("公文", "%") == service.evidence_candidates("公文", "100%")
    assert service.evidence_candidates("公文", "'\"; DROP") == []
    decisions = service.evidence_candidates("决策事项", "停车")
    assert decisions[0].detail.startswith("2021年目录第 1 项")
    with pytest.raises(UserFacingError, match="可以从登记中选择"):
        service.evidence_candidates("网址")
    with pytest.raises(UserFacingError, match="太长"):
        service.evidence_candidates("公文", "长" * 500)


def test_picked_evidence_is_saved_with_its_id_and_a_vanished_one_is_refused(
    service: WorkplanService, office_ctx: AppContext, admin: Actor
) -> None:
    task = service.page_tasks(TaskFilter(2021), 0, 1)[0]
    doc = service.evidence_candidates("公文", "工作要点")[0]
    detail = service.add_evidence(admin, task.id, "公文", "", date(2021, 4, 1), ref_id=doc.ref_id)
    assert detail.evidence[0].ref_id == doc.ref_id and detail.evidence[0].reference == doc.label
    item = service.evidence_candidates("决策事项")[0]
    detail = service.add_evidence(
        admin, task.id, "决策事项", "停车办法", date(2021, 4, 2), ref_id=item.ref_id
    )
    assert (detail.evidence[1].reference, detail.evidence[1].ref_id) == ("停车办法", item.ref_id)
    typed = service.add_evidence(admin, task.id, "公文", "赵府办〔2021〕9号", date(2021, 4, 3))
    assert typed.evidence[2].ref_id is None
    with pytest.raises(UserFacingError, match="已不存在"):
        service.add_evidence(admin, task.id, "公开栏张贴", "", date(2021, 4, 4), ref_id=999)
    with pytest.raises(UserFacingError, match="可以从登记中选择"):
        service.add_evidence(
            admin, task.id, "网址", "https://example.org", date(2021, 4, 4), ref_id=doc.ref_id
        )
    assert len(service.task_detail(task.id).evidence) == 3  # nothing half-saved
