"""Issue 19: ledgers exported to Excel show full ID numbers and phones only to the role that may see them;
every export is audited with what it showed. A 保密审查员 sees masked numbers on screen and now in Excel."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from app.models.audit import AuditEntry
from app.services.accounts.service import actor_of
from app.services.context import AppContext
from app.services.documents.ledger import DocumentLedger
from app.services.documents.query import DocumentFilter
from app.services.permissions import Actor, Role
from app.services.requests.ledger_rows import EXPORT_HEADERS
from tests.services.personal_data_support import published_document
from tests.services.request_support import VALID_ID, registration

DESCRIPTION = "请公开本人（身份证310101199001011234，住方夏村3组15号）的危房改造补助审批材料"


def _reviewer(ctx: AppContext, admin: Actor) -> Actor:
    info = ctx.accounts.create_account(
        admin, "wangwu", "王五", "review-pass-1", frozenset({Role.SECRECY_REVIEWER})
    )
    return actor_of(info)


def _rows(path: Path) -> list[dict[str, object]]:
    values = list(load_workbook(path).worksheets[0].iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]  # type: ignore[arg-type]


def _last_export(ctx: AppContext, entity: str) -> dict[str, object]:
    with ctx.sessions() as session:
        entry = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == "导出", AuditEntry.entity == entity)
            .order_by(AuditEntry.id.desc())
        ).first()
        assert entry is not None
        details: dict[str, object] = json.loads(entry.details_json)
        return details


def test_request_ledger_is_masked_for_a_role_that_may_not_see_personal_data(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    office_ctx.requests.register(
        admin, registration(date(2026, 11, 2), description=DESCRIPTION), today=date(2026, 11, 2)
    )
    reviewer = _reviewer(office_ctx, admin)
    masked_file, full_file = tmp_path / "审查员.xlsx", tmp_path / "管理员.xlsx"

    assert office_ctx.requests.ledger.export_xlsx(reviewer, masked_file) == 1
    (row,) = _rows(masked_file)
    assert row["证件号码"] == "1101**********002X" and row["联系方式"] == "138****5678"
    assert "310101199001011234" not in str(row["申请内容"]) and "3101**********1234" in str(row["申请内容"])
    assert "方夏村*组**号" in str(row["申请内容"])
    assert _last_export(office_ctx, "依申请公开")["个人信息"] == "已遮盖"

    office_ctx.requests.ledger.export_xlsx(admin, full_file, include_full=True)  # 「包含完整证件号」
    (row,) = _rows(full_file)
    assert row["证件号码"] == VALID_ID and row["联系方式"] == "13812345678" and row["申请内容"] == DESCRIPTION
    assert _last_export(office_ctx, "依申请公开")["个人信息"] == "完整"
    assert list(_rows(full_file)[0]) == list(EXPORT_HEADERS)


def test_document_ledger_masks_personal_data_for_the_reviewer_only(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    title = "关于王某（手机138 1234 5678）申请救助的答复"
    published_document(office_ctx, tmp_path, 1, title=title)
    ledger = DocumentLedger(office_ctx.sessions, office_ctx.documents)
    reviewer = _reviewer(office_ctx, admin)

    ledger.export(reviewer, DocumentFilter(), tmp_path / "审查员.xlsx")
    assert _rows(tmp_path / "审查员.xlsx")[0]["标题"] == "关于王某（手机138 **** 5678）申请救助的答复"
    assert _last_export(office_ctx, "公文")["个人信息"] == "已遮盖"
    ledger.export(admin, DocumentFilter(), tmp_path / "管理员.xlsx", include_full=True)
    assert _rows(tmp_path / "管理员.xlsx")[0]["标题"] == title
    assert _last_export(office_ctx, "公文")["个人信息"] == "完整"
