"""Issue 19 on the 公开栏: an edit after approval un-clears the posting (G7), and a posting not cleared
prints 「未经保密审查 不得张贴」 across every page (G8); a cleared one prints clean."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest
from pypdf import PdfReader

from app.errors import UserFacingError
from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.postings.pdf import UNREVIEWED_MARK, render_batch, render_pdf
from app.services.postings.periods import PeriodPreset
from app.services.postings.types import PostingDraft, PostingStatus
from app.services.review.kinds import ReviewLabel
from tests.conftest import TEST_NOW
from tests.services.review_support import approve, make_signers

MARK = re.sub(r"\s+", "", UNREVIEWED_MARK)
DRAFT = PostingDraft(
    title="关于2026年第四季度拟新增最低生活保障对象的公示",
    body="经本人申请、村民委员会入户调查、民主评议，现予公示。\n序号\t姓名\t村别\n1\t张**\t赵巷村",
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


def _pages(data: bytes) -> list[str]:
    return [re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def test_g7_a_posting_edited_after_approval_is_not_posted(
    office_ctx: AppContext, signers: dict[str, Actor]
) -> None:
    clerk, postings = signers["clerk"], office_ctx.postings
    posting = postings.create(clerk, DRAFT)
    approve(office_ctx, signers, "posting", posting.id)
    assert postings.review(posting.id).label is ReviewLabel.CLEARED
    leaked = DRAFT.body + "\n联系人：张三，身份证号 310101199001011234，电话 13812345678，住赵巷镇北管村12号"
    edited = postings.update(clerk, posting.id, replace(DRAFT, body=leaked), posting.version)
    state = postings.review(posting.id)
    assert state.label is ReviewLabel.WAITING and state.reason == "审查后正文已改动，须重新审查"
    with pytest.raises(UserFacingError, match="审查后正文已改动"):
        postings.mark_posted(clerk, posting.id, office_ctx.clock.now(), edited.version)
    assert postings.get(posting.id).status is PostingStatus.WAITING


def test_g8_an_unreviewed_posting_prints_the_mark_and_a_cleared_one_prints_clean(
    office_ctx: AppContext, signers: dict[str, Actor]
) -> None:
    clerk, postings = signers["clerk"], office_ctx.postings
    posting = postings.create(clerk, DRAFT)
    assert all(MARK in page for page in _pages(render_pdf(postings.content(posting.id))))
    assert MARK in _pages(render_pdf(postings.preview(DRAFT, posting.id)))[0]  # the editor's preview too
    approve(office_ctx, signers, "posting", posting.id)
    cleared = render_pdf(postings.content(posting.id))
    assert not any(MARK in page for page in _pages(cleared))
    assert MARK not in _pages(render_pdf(postings.preview(DRAFT, posting.id)))[0]
    changed = replace(DRAFT, title=DRAFT.title + "（更正）")
    assert MARK in _pages(render_pdf(postings.preview(changed, posting.id)))[0]  # unsaved edit: not reviewed
    postings.update(clerk, posting.id, changed, postings.get(posting.id).version)
    assert MARK in _pages(render_pdf(postings.content(posting.id)))[0]


def test_a_batch_marks_only_its_unreviewed_postings_on_every_page(
    office_ctx: AppContext, signers: dict[str, Actor]
) -> None:
    clerk, postings = signers["clerk"], office_ctx.postings
    long_body = "\n".join([DRAFT.body.split("\n")[0]] * 40)  # three pages
    reviewed = postings.create(clerk, replace(DRAFT, body=long_body))
    waiting = postings.create(clerk, replace(DRAFT, title="关于镇区道路改造施工的公告", body=long_body))
    approve(office_ctx, signers, "posting", reviewed.id)
    pages = _pages(render_batch([postings.content(reviewed.id), postings.content(waiting.id)]))
    assert [MARK in page for page in pages] == [False, False, False, True, True, True]
