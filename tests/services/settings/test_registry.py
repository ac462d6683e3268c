"""Typed settings: what an existing data folder has stored reads the same; bad values never break a page."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from app.errors import UserFacingError
from app.models import AuditEntry, Setting
from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.requests.deadlines import DeadlinePolicy
from app.services.review.types import STEP_PERMS, parse_steps
from app.services.settings import registry

# The keys every version since issue 4 has written: renaming one would silently reset an office's choice.
STORED_KEYS = (
    "deadline.count_receipt_day",
    "deadline.exclude_fee_period",
    "deadline.answer_working_days",
    "deadline.warning_working_days",
    "deadline.extension_working_days",
    "proactive.publish_working_days",
    "register.index_template",
    "review.steps",
    "review.paper_signers",  # issue 21
    "review.scan_every_paper_step",  # issue 21
    "request.number_template",
    "request.letter_code",
    "request.review_body",
    "request.court",
    "decision.directory_due",
    "decision.feedback_working_days",
    "report.annual_due",
    "export.mask_personal_data",
    "backup.last_at",
    "backup.folder",
    "backup.keep_generations",
    "ui.idle_lock_minutes",
)


def _store(ctx: AppContext, key: str, value: object) -> None:
    """A row as an earlier version (or a hand-edited database) left it."""
    with ctx.sessions.begin() as session:
        session.merge(Setting(key=key, value_json=json.dumps(value, ensure_ascii=False)))


def test_the_stored_keys_are_the_ones_existing_folders_have() -> None:
    assert tuple(spec.key for spec in registry.SPECS) == STORED_KEYS


def test_values_an_earlier_version_saved_read_the_same(ctx: AppContext) -> None:
    for key, value in {
        "deadline.count_receipt_day": True,
        "deadline.answer_working_days": 15,
        "request.letter_code": "赵府依",
        "report.annual_due": "02-15",
        "backup.folder": "E:\\备份",
    }.items():
        _store(ctx, key, value)
    settings = ctx.settings
    assert settings.read(registry.COUNT_RECEIPT_DAY) is True
    assert settings.read(registry.ANSWER_WORKING_DAYS) == 15
    assert settings.read(registry.LETTER_CODE) == "赵府依"
    assert settings.read(registry.BACKUP_FOLDER) == "E:\\备份"
    assert ctx.requests.policy() == DeadlinePolicy(count_receipt_day=True, answer_working_days=15)
    assert settings.read(registry.WARNING_WORKING_DAYS) == 3  # never set: the registry's default
    assert settings.get("report.annual_due") == "02-15"  # the 设置 page sees what is stored


@pytest.mark.parametrize(
    ("spec", "stored", "reads"),
    [
        (registry.BACKUP_GENERATIONS, "5", 10),  # wrong type: the default, as DeadlinePolicy always did
        (registry.BACKUP_GENERATIONS, 0, 1),  # at least one automatic backup is kept
        (registry.EXTENSION_WORKING_DAYS, 30, 20),  # 条例第三十三条第二款: never more than 20
        (registry.ANSWER_WORKING_DAYS, True, 20),  # a flag is not a number of days
        (registry.LETTER_CODE, "  ", "依申请"),  # an emptied 机关代字 is the default one
        (registry.REQUEST_NUMBER_TEMPLATE, "", "{YYYY}-{seq:03}"),
        (registry.REVIEW_BODY, "", ""),  # blank is a real choice here: the letter names the upper level
        (registry.ANNUAL_REPORT_DUE, "1月31日", "01-31"),
    ],
)
def test_a_value_that_cannot_be_used_reads_as_the_default_or_the_bound(
    ctx: AppContext, spec: registry.SettingSpec[Any], stored: object, reads: object
) -> None:
    _store(ctx, spec.key, stored)
    assert ctx.settings.read(spec) == reads


def test_a_malformed_due_day_from_an_old_folder_does_not_break_the_dashboard(
    office_ctx: AppContext, admin: Actor
) -> None:
    """It used to raise in the annual report's alert (the decisions page fell back to 3月31日)."""
    _store(office_ctx, "report.annual_due", "1月31日")
    _store(office_ctx, "decision.directory_due", "4月30日")
    alerts = office_ctx.annual_report.alerts(date(2027, 1, 10))
    assert [alert.detail for alert in alerts] == ["应于1月31日前报送并公布，还有 21 天。"]
    assert office_ctx.decisions.directory_due(2027) == date(2027, 3, 31)


def test_due_days_and_counts_are_checked_when_saved(ctx: AppContext, admin: Actor) -> None:
    with pytest.raises(UserFacingError, match="年度报告报送日期（月-日）」应写成月-日，例如「01-31」"):
        ctx.settings.set(admin, registry.ANNUAL_REPORT_DUE, "1月31日")
    with pytest.raises(UserFacingError, match="应写成月-日"):  # not a day of every year
        ctx.settings.set(admin, registry.DIRECTORY_DUE, "02-29")
    with pytest.raises(UserFacingError, match="自动备份保留份数」应在 1～365 之间"):
        ctx.settings.set(admin, registry.BACKUP_GENERATIONS, 0)
    assert ctx.settings.read(registry.ANNUAL_REPORT_DUE) == "01-31"
    ctx.settings.set(admin, registry.DIRECTORY_DUE, "4-30")
    assert ctx.decisions.directory_due(2027) == date(2027, 4, 30)


def test_saving_by_spec_stores_and_audits_like_saving_by_key(ctx: AppContext, admin: Actor) -> None:
    ctx.settings.set(admin, registry.LETTER_CODE, "赵府依")
    assert ctx.settings.get("request.letter_code") == "赵府依"
    with ctx.sessions() as session:
        row = session.get(Setting, "request.letter_code")
        assert row is not None and row.value_json == '"赵府依"'
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert entry is not None and entry.entity_id == "request.letter_code"
        assert "依申请告知书机关代字" in entry.details_json


def test_the_default_review_chain_is_every_step_in_order() -> None:
    assert parse_steps(registry.REVIEW_STEPS.default) == tuple(STEP_PERMS)
