"""Issue 19 follow-up: a posting with an ID number after its first 120 characters — the part the old check
never read — cannot be marked 张贴中 or printed, even with an approving 保密审查单; the clerk is told what
and where, and fixes the text first. The office's own published phone is no finding."""

from __future__ import annotations

import pytest

from app.errors import UserFacingError
from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.postings.periods import PeriodPreset
from app.services.postings.types import PostingDraft, PostingStatus
from tests.conftest import TEST_NOW, TEST_OFFICE
from tests.services.review_support import approve, make_signers

OPENING = (
    "经本人申请、村民委员会入户调查、民主评议、镇人民政府审核，拟将下列家庭纳入最低生活保障范围，现予公示。"
    * 3
)
LEAK = "\n联系人：张三，身份证号 310101199001011234。"
DRAFT = PostingDraft(
    title="关于2026年第四季度拟新增最低生活保障对象的公示",
    body=OPENING + LEAK + f"\n如有异议，请致电镇民政办 {TEST_OFFICE.phone}。",
    boards=("镇政府公开栏",),
    preset=PeriodPreset.DAYS_7.value,
    period_start=TEST_NOW.date(),
    unit="测试镇人民政府",
    signed_on=TEST_NOW.date(),
)


@pytest.fixture
def signers(office_ctx: AppContext, admin: Actor) -> dict[str, Actor]:
    office_ctx.settings.save_boards(admin, ["镇政府公开栏"])
    return make_signers(office_ctx, admin)


def test_an_id_number_late_in_the_text_stops_posting_and_printing(
    office_ctx: AppContext, signers: dict[str, Actor]
) -> None:
    assert len(OPENING) > 120
    clerk, postings = signers["clerk"], office_ctx.postings
    posting = postings.create(clerk, DRAFT)
    approve(office_ctx, signers, "posting", posting.id)
    assert postings.review(posting.id).cleared  # the review alone would let it through
    with pytest.raises(UserFacingError, match=r"不能登记张贴：正文：疑似身份证号 3101\*+1234") as refused:
        postings.mark_posted(clerk, posting.id, office_ctx.clock.now(), posting.version)
    assert (
        TEST_OFFICE.phone not in refused.value.message and "310101199001011234" not in refused.value.message
    )
    assert postings.get(posting.id).status is PostingStatus.WAITING
    with pytest.raises(UserFacingError, match="不能打印张贴"):
        postings.printable(posting.id)
    with pytest.raises(UserFacingError, match="疑似身份证号"):
        postings.check_printable(postings.preview(DRAFT, posting.id))


def test_the_same_posting_without_the_id_number_is_posted(
    office_ctx: AppContext, signers: dict[str, Actor]
) -> None:
    clerk, postings = signers["clerk"], office_ctx.postings
    clean = DRAFT.__class__(**{**DRAFT.__dict__, "body": DRAFT.body.replace(LEAK, "")})
    posting = postings.create(clerk, clean)
    approve(office_ctx, signers, "posting", posting.id)
    assert postings.printable(posting.id).title == clean.title  # the office's phone is public
    posted = postings.mark_posted(clerk, posting.id, office_ctx.clock.now(), posting.version)
    assert posted.status is PostingStatus.POSTED
