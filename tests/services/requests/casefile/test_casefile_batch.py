"""Issue 22 point 4: a year's 案卷 in one go, with progress and 取消; voided cases are left out."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from app.errors import CancelledError, UserFacingError
from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.requests.casefile.batch import build_year, file_name
from app.services.requests.casefile.build import CaseFileBuilder
from tests.calendar_support import D
from tests.services.request_support import registration


def _three_cases(ctx: AppContext, admin: Actor) -> list[str]:
    numbers = []
    for day in ("2024-09-27", "2024-10-08", "2024-10-09"):
        numbers.append(ctx.requests.register(admin, registration(D(day)), today=D(day)).detail.number)
    voided = ctx.requests.find_id(numbers[1])
    assert voided is not None
    ctx.requests.letters.issue(admin, voided, "受理回执", today=D("2024-10-08"))
    ctx.requests.removal.void_case(admin, voided, "重复登记")
    return numbers


def test_one_pdf_per_case_of_the_year_with_progress(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    numbers = _three_cases(office_ctx, admin)
    steps: list[tuple[int, str]] = []
    builder = CaseFileBuilder(office_ctx.sessions, office_ctx.attachments)
    result = build_year(
        admin,
        builder,
        office_ctx.sessions,
        2024,
        tmp_path / "案卷",
        "测试镇人民政府",
        lambda p, m: steps.append((p, m)),
    )
    assert [item.number for item in result.files] == [numbers[0], numbers[2]]
    assert sorted(p.name for p in (tmp_path / "案卷").iterdir()) == sorted(
        file_name(n) for n in (numbers[0], numbers[2])
    )
    for item in result.files:
        assert len(PdfReader(str(item.path)).pages) == item.pages == 2  # cover + 目录 of an empty file
    assert steps[0][0] == 0 and steps[-1][0] == 100
    assert "（1/2）" in steps[0][1]
    assert "2 件申请的案卷" in result.summary()


def test_cancel_stops_between_cases(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    _three_cases(office_ctx, admin)
    builder = CaseFileBuilder(office_ctx.sessions, office_ctx.attachments)
    calls: list[int] = []
    with pytest.raises(CancelledError):
        build_year(
            admin,
            builder,
            office_ctx.sessions,
            2024,
            tmp_path / "案卷",
            "",
            lambda p, _m: calls.append(p),
            lambda: bool(calls),  # cancelled once the first case started
        )
    assert len(list((tmp_path / "案卷").iterdir())) == 1  # the finished one stays, nothing half-written


def test_a_year_without_cases_says_so(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    builder = CaseFileBuilder(office_ctx.sessions, office_ctx.attachments)
    with pytest.raises(UserFacingError, match="2023 年没有登记依申请公开件"):
        build_year(admin, builder, office_ctx.sessions, 2023, tmp_path / "案卷", "")


def test_file_names_are_safe_on_windows() -> None:
    assert file_name("测依申〔2024〕3号") == "测依申〔2024〕3号 案卷.pdf"
    assert file_name("2024/003") == "2024_003 案卷.pdf"
