"""Excel ledger import/export of 依申请公开 cases, remedies (table 四) and letter templates."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from app.errors import UserFacingError
from app.services.context import AppContext
from app.services.permissions import Actor, Role
from app.services.requests.ledger_rows import EXPORT_HEADERS, HEADERS
from app.services.requests.letters.templates import parse_template
from app.services.requests.outcomes import OUTCOMES, RemedyKind, from_ledger_label
from app.services.requests.types import LetterKind
from tests.calendar_support import D
from tests.services.request_support import letter_text, registration

CLERK = Actor(9, "clerk", "经办员", frozenset({Role.CLERK}))


def _sheet(path: Path, rows: list[list[str]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_outcomes_are_the_21_rows_of_table_three() -> None:
    assert len(OUTCOMES) == 21
    assert [o.key for o in OUTCOMES][-1] == "R3.6.3"
    assert from_ledger_label("不予公开/属于国家秘密").key == "R3.3.1"
    assert from_ledger_label("其他处理/申请人逾期未按收费通知要求缴纳费用").key == "R3.6.2"
    assert from_ledger_label("不予公开/3.危及“三安全一稳定”").key == "R3.3.3"
    assert all(o.remedy is RemedyKind.REVIEW_FIRST for o in OUTCOMES if o.group == "不予公开")
    with pytest.raises(UserFacingError, match="表三"):
        from_ledger_label("不予公开")


def test_import_preview_rejects_bad_rows_and_saves_the_rest_once(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    good = [
        "2023-001",
        "2023-03-01",
        "当面",
        "自然人",
        "张三",
        "",
        "138",
        "低保名单",
        "2023-03-20",
        "予以公开",
        "",
        "",
    ]
    refused = ["2023-002", "2023-03-02", "网络", "商业企业", "甲公司", "", "", "合同", "2023-03-25",
               "不予公开/属于国家秘密", "维持", "复议后起诉:尚未审结"]  # fmt: skip
    open_case = ["2023-003", "2023-12-28", "平信", "其他", "某协会", "", "", "会议纪要", "", "", "", ""]
    bad_date = ["2023-004", "2023-02-30", "当面", "自然人", "李四", "", "", "x", "", "", "", ""]
    bad_outcome = [
        "2023-005",
        "2023-03-01",
        "当面",
        "自然人",
        "李四",
        "",
        "",
        "x",
        "2023-03-02",
        "不予公开",
        "",
        "",
    ]
    duplicate = list(good)
    path = _sheet(tmp_path / "台账.xlsx", [good, refused, open_case, bad_date, bad_outcome, duplicate])
    preview = office_ctx.requests.ledger.preview(path, D("2024-01-10"))
    assert [r.case_number for r in preview.rows] == ["2023-001", "2023-002", "2023-003"]
    messages = [r.message() for r in preview.rejected]
    assert messages[0].startswith("第5行：收到申请日期“2023-02-30”不是有效日期")
    assert messages[1].startswith("第6行：办理结果「不予公开」")
    assert messages[2] == "第7行：受理编号“2023-001”已存在。"
    report = office_ctx.requests.ledger.import_rows(admin, preview, D("2024-01-10"))
    assert report.accepted == 3 and len(report.rejected) == 3
    assert office_ctx.requests.remedies.table_four(2023)[("复议", "维持")] == 1
    out = tmp_path / "导出.xlsx"
    assert office_ctx.requests.ledger.export_xlsx(admin, out) == 3
    rows = list(load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert rows[0] == EXPORT_HEADERS  # HEADERS with 答复期限、状态、承办科室 after 答复日期 (not read back)
    by_number = {row[0]: dict(zip(EXPORT_HEADERS, row, strict=True)) for row in rows[1:]}
    refused_row = by_number["2023-002"]
    assert [refused_row[h] for h in ("办理结果", "行政复议", "行政诉讼")] == [
        "不予公开/属于国家秘密", "维持", "复议后起诉:尚未审结",
    ]  # fmt: skip
    assert by_number["2023-003"]["答复日期"] is None and by_number["2023-003"]["办理结果"] is None  # open
    again = office_ctx.requests.ledger.preview(out, D("2024-01-10"))
    assert not again.rows and len(again.rejected) == 3  # re-importing the export duplicates nothing


def test_remedy_validation(office_ctx: AppContext, admin: Actor) -> None:
    case = office_ctx.requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    remedies = office_ctx.requests.remedies
    with pytest.raises(UserFacingError, match="审结日期"):
        remedies.add(admin, case.id, "复议", D("2024-11-01"), "青浦区人民政府", "维持", today=D("2024-12-01"))
    record = remedies.add(admin, case.id, "复议", D("2024-11-01"), "青浦区人民政府", today=D("2024-12-01"))
    updated = remedies.update(admin, record.id, "纠正", D("2024-11-20"), today=D("2024-12-01"))
    assert updated.result == "纠正"
    assert remedies.table_four(2024)[("复议", "纠正")] == 1


def test_template_override_is_versioned_and_used(office_ctx: AppContext, admin: Actor) -> None:
    letters = office_ctx.requests.letters
    with pytest.raises(UserFacingError, match="无法识别的占位符"):
        letters.save_template(admin, LetterKind.RECEIPT, "标题：回执\n正文：\n{不存在}")
    with pytest.raises(UserFacingError, match="修改文书模板"):
        letters.save_template(CLERK, LetterKind.RECEIPT, "标题：回执\n正文：\n{申请人}")
    version = letters.save_template(
        admin, LetterKind.RECEIPT, "标题：收件回执\n主送：{申请人}\n正文：\n已收到，编号{受理编号}。"
    )
    assert version == 1
    case = office_ctx.requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    text = letter_text(office_ctx, letters.issue(admin, case.id, LetterKind.RECEIPT, today=D("2024-09-27")))
    assert "收件回执" in text and f"已收到，编号{case.number}。" in text
    assert letters.restore_bundled(admin, LetterKind.RECEIPT) == 2
    assert letters.template(LetterKind.RECEIPT).title == "政府信息公开申请受理回执"


def test_every_bundled_template_parses() -> None:
    from app.services.requests.letters.templates import bundled_text

    for kind in LetterKind:
        assert parse_template(kind, bundled_text(kind)).title
