"""公文登记: 文号 rules, 索引号 issued once and unique under concurrency, edits, the gate, timers."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest

from app.errors import UserFacingError
from app.services.context import AppContext
from app.services.documents.query import DocumentFilter
from app.services.documents.rules import DocumentInput, publish_due, render_index
from app.services.formats.doc_numbers import parse_doc_number, suggest
from app.services.permissions import Actor

ORG = "11320000TEST0001X"


def _doc(title: str = "关于做好2025年春耕生产工作的通知", number: str = "", **extra: object) -> DocumentInput:
    values: dict[str, object] = {"title": title, "publisher": "测试镇人民政府", "doc_number": number}
    values.update(extra)
    return DocumentInput(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "agency", "year", "number"),
    [
        ("泰财办〔2021〕2号", "泰财办", 2021, 2),
        ("赵府发〔2025〕41号", "赵府发", 2025, 41),
        ("国办发〔2017〕97号", "国办发", 2017, 97),
    ],
)
def test_valid_doc_numbers(text: str, agency: str, year: int, number: int) -> None:
    parsed = parse_doc_number(text)
    assert (parsed.agency, parsed.year, parsed.number) == (agency, year, number)
    assert parsed.text() == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("泰财办〔2021〕02号", "前导 0"),
        ("泰财办〔2021〕第2号", "「第」"),
        ("泰财办[2021]2号", "六角括号"),
        ("泰财办（2021）2号", "泰财办〔2021〕2号"),
        ("泰财办〔2021〕2", "「号」"),
        ("2号", "不规范"),
        ("泰财办〔1800〕2号", "年份"),
        ("", "请填写文号"),
    ],
)
def test_invalid_doc_numbers_explain(text: str, message: str) -> None:
    with pytest.raises(UserFacingError, match=message):
        parse_doc_number(text)


def test_suggestion_for_loose_forms() -> None:
    assert suggest("泰财办[2021]第02号") == "泰财办〔2021〕2号"
    assert suggest("随便写的") is None


def test_index_template_rendering() -> None:
    assert render_index("{机构代码}/{YYYY}-{seq:05}", "11320000-TEST", 2025, 16) == "11320000TEST/2025-00016"
    with pytest.raises(UserFacingError, match="流水号"):
        render_index("{机构代码}/{YYYY}", ORG, 2025, 1)


def test_index_issued_once_and_never_changes(office_ctx: AppContext, admin: Actor) -> None:
    first = office_ctx.documents.create(admin, _doc(number="测府发〔2025〕1号", written_on=date(2025, 3, 1)))
    second = office_ctx.documents.create(admin, _doc("第二件", written_on=date(2025, 3, 2)))
    assert first.index_no == f"{ORG}/2025-00001"
    assert second.index_no == f"{ORG}/2025-00002"
    edited = office_ctx.documents.update(admin, first.id, _doc("改了标题", number="测府发〔2025〕1号"))
    assert edited.index_no == first.index_no and edited.values.title == "改了标题"
    office_ctx.documents.delete(admin, second.id)
    third = office_ctx.documents.create(admin, _doc("第三件", written_on=date(2025, 3, 3)))
    assert third.index_no == f"{ORG}/2025-00003"  # a deleted number is never issued again


def test_index_unique_under_concurrent_creation(office_ctx: AppContext, admin: Actor) -> None:
    issued: list[str] = []
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for k in range(5):
                detail = office_ctx.documents.create(
                    admin, _doc(f"并发登记{n}-{k}", written_on=date(2025, 5, 1))
                )
                issued.append(detail.index_no)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(issued) == 20 and len(set(issued)) == 20
    assert sorted(issued) == [f"{ORG}/2025-{n:05d}" for n in range(1, 21)]


def test_duplicate_doc_number_is_warned_not_refused(office_ctx: AppContext, admin: Actor) -> None:
    first = office_ctx.documents.create(admin, _doc(number="测府发〔2025〕7号"))
    second = office_ctx.documents.create(admin, _doc("另一件", number="测府发〔2025〕7号"))
    assert second.same_number == (first.index_no,)
    assert office_ctx.documents.duplicates_of("测府发〔2025〕7号") == [first.index_no, second.index_no]


def test_bad_input_is_refused_and_nothing_saved(office_ctx: AppContext, admin: Actor) -> None:
    docs = office_ctx.documents
    with pytest.raises(UserFacingError, match="标题太长"):
        docs.create(admin, _doc("长" * 10_000))
    with pytest.raises(UserFacingError, match="理由"):
        docs.create(admin, _doc(disclosure="不予公开"))
    with pytest.raises(UserFacingError, match="依据"):
        docs.create(admin, _doc(disclosure="依申请公开", withhold_reason="涉及个人信息"))
    with pytest.raises(UserFacingError, match="第」"):
        docs.create(admin, _doc(number="测府发〔2025〕第3号"))
    assert docs.count(DocumentFilter()) == 0


def test_withheld_document_gets_periodic_review(office_ctx: AppContext, admin: Actor) -> None:
    detail = office_ctx.documents.create(
        admin, _doc(disclosure="不予公开", withhold_reason="内部工作流程", withhold_basis="第十六条第一款")
    )
    assert detail.next_review_on is not None and detail.next_review_on > office_ctx.clock.today()
    converted = office_ctx.documents.record_periodic_review(admin, detail.id, True, "情况变化，可以公开")
    assert converted.values.disclosure == "主动公开" and converted.next_review_on is None
    sheets = office_ctx.reviews.sheets_for("document", detail.id)
    assert len(sheets) == 1 and sheets[0].status == "审查中"


def test_publish_due_is_20_working_days(office_ctx: AppContext) -> None:
    calendar = office_ctx.calendar.calendar()
    # RULES §10 rule 17: formed 2025-09-26 → by 2025-10-30.
    assert publish_due(calendar, date(2025, 9, 26), None, 20) == date(2025, 10, 30)
    assert publish_due(calendar, date(2025, 9, 1), date(2025, 9, 26), 20) == date(2025, 10, 30)


def test_overdue_and_due_soon_alerts(office_ctx: AppContext, admin: Actor) -> None:
    docs = office_ctx.documents
    old = docs.create(admin, _doc("早就该公开", written_on=date(2025, 1, 6)))
    alerts = docs.alerts(date(2025, 3, 1))
    assert [alert.entity_id for alert in alerts if alert.urgency == 0] == [str(old.id)]
    assert "2025-02-" in alerts[0].detail


def test_publish_goes_through_the_gate(office_ctx: AppContext, admin: Actor) -> None:
    detail = office_ctx.documents.create(admin, _doc(number="测府发〔2025〕9号"))
    with pytest.raises(UserFacingError, match="还没有保密审查单"):
        office_ctx.documents.publish(admin, detail.id, office_ctx.clock.now())
    assert office_ctx.documents.detail(detail.id).published_at is None
    sheet = office_ctx.reviews.create_for_document(admin, detail.id)
    with pytest.raises(UserFacingError, match="还在审查中"):
        office_ctx.documents.publish(admin, detail.id, office_ctx.clock.now() + timedelta(days=1))
    assert sheet.next_step == "承办人初审"
