"""Letters a 办公室主任 would sign (issue 21 point 6): punctuation of the quoted request, 送达回证 rows."""

from __future__ import annotations

from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE

from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.requests.letters.templates import fill, quote
from app.services.requests.types import LetterKind
from tests.calendar_support import D
from tests.services.request_support import letter_text, registration

ENDS_IN_STOP = "请公开2024年本镇农村危房改造补助资金发放名单。"


def test_quoted_request_that_ends_in_a_full_stop_is_not_doubled(office_ctx: AppContext, admin: Actor) -> None:
    case = office_ctx.requests.register(
        admin, registration(D("2024-09-27"), description=ENDS_IN_STOP), today=D("2024-09-27")
    ).detail
    receipt = office_ctx.requests.letters.issue(admin, case.id, LetterKind.RECEIPT, today=D("2024-09-27"))
    office_ctx.requests.steps.answer(
        admin, case.id, "R3.1", D("2024-09-27"), on_the_spot=True, today=D("2024-09-27")
    )
    answer = office_ctx.requests.letters.issue(admin, case.id, LetterKind.ANSWER, today=D("2024-09-27"))
    for letter in (receipt, answer):
        text = letter_text(office_ctx, letter)
        assert "。。" not in text and "。”。" not in text
    assert "发放名单”。现答复如下" in letter_text(office_ctx, answer)
    assert "政府信息为：请公开2024年本镇农村危房改造补助资金发放名单。" in letter_text(office_ctx, receipt)


def test_an_office_template_cannot_double_a_stop_either() -> None:
    assert fill("说明：{答复说明}。", {"答复说明": "已当面告知。"}) == "说明：已当面告知。"
    assert fill("获取“{申请内容}”。", {"申请内容": "预算表。"}) == "获取“预算表。”"
    assert quote("  预算表；  ") == "预算表" and quote("决算表？") == "决算表"


def test_service_receipt_has_rows_tall_enough_to_sign(office_ctx: AppContext, admin: Actor) -> None:
    case = office_ctx.requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    office_ctx.requests.steps.answer(
        admin, case.id, "R3.1", D("2024-09-27"), on_the_spot=True, today=D("2024-09-27")
    )
    office_ctx.requests.letters.issue(admin, case.id, LetterKind.ANSWER, today=D("2024-09-27"))
    served = office_ctx.requests.letters.issue(admin, case.id, LetterKind.SERVICE, today=D("2024-09-27"))
    table = Document(str(office_ctx.requests.letters.file_path(served))).tables[0]
    heights = {row.cells[0].text: row for row in table.rows}
    for label in ("送达人", "受送达人签名或盖章", "签收日期"):
        row = heights[label]
        assert row.height_rule == WD_ROW_HEIGHT_RULE.AT_LEAST and row.height is not None
        assert row.height.mm >= 15
    assert heights["受理编号"].height is None  # only the rows written by hand are tall
