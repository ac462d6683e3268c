"""500 hostile workbooks each against the three Excel importers (公文登记台账, 依申请公开台账, 决策事项目录):
a calm Chinese refusal with nothing saved, or a report whose accepted rows are exactly what was saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import UserFacingError
from app.services.context import AppContext
from app.services.decisions.export import XLSX_HEADERS
from app.services.documents.ledger import HEADERS as DOCUMENT_HEADERS
from app.services.documents.ledger import DocumentLedger
from app.services.permissions import Actor
from app.services.requests.ledger_rows import HEADERS as REQUEST_HEADERS
from tests.fuzz.hostile import FUZZ, dates, texts, xlsx_files
from tests.fuzz.support import changed, outcome, save, saved_state

pytestmark = pytest.mark.slow
NAMES = st.sampled_from(("台账.xlsx", "台账.XLSX", "台账.csv", "台账.xls", "台账", "..台账.xlsx"))
CELLS = st.one_of(texts(), dates())


@given(data=xlsx_files(DOCUMENT_HEADERS, CELLS), name=NAMES)
@FUZZ
def test_document_ledger_import(
    office_ctx: AppContext, admin: Actor, tmp_path: Path, data: bytes, name: str
) -> None:
    ledger = DocumentLedger(office_ctx.sessions, office_ctx.documents)
    before = saved_state(office_ctx)
    preview = outcome(lambda: ledger.preview(save(tmp_path, name, data)))
    if isinstance(preview, UserFacingError):
        assert saved_state(office_ctx) == before
        return
    report = outcome(lambda: ledger.save(admin, preview))
    delta = changed(before, saved_state(office_ctx))
    if isinstance(report, UserFacingError):
        assert delta == {}
    else:
        assert delta.get("documents", 0) == report.accepted == len(preview.valid)
        assert delta.get("audit_entries", 0) == 1


@given(data=xlsx_files(REQUEST_HEADERS, CELLS), name=NAMES)
@FUZZ
def test_request_ledger_import(
    office_ctx: AppContext, admin: Actor, tmp_path: Path, data: bytes, name: str
) -> None:
    ledger = office_ctx.requests.ledger
    before = saved_state(office_ctx)
    preview = outcome(lambda: ledger.preview(save(tmp_path, name, data)))
    if isinstance(preview, UserFacingError):
        assert saved_state(office_ctx) == before
        return
    report = outcome(lambda: ledger.import_rows(admin, preview))
    delta = changed(before, saved_state(office_ctx))
    if isinstance(report, UserFacingError):
        assert delta == {}
    else:
        assert delta.get("request_cases", 0) == report.accepted == len(preview.rows)
        assert delta.get("audit_entries", 0) >= 1


@given(data=xlsx_files((*XLSX_HEADERS, "年度"), CELLS), name=NAMES)
@FUZZ
def test_decision_directory_import(
    office_ctx: AppContext, admin: Actor, tmp_path: Path, data: bytes, name: str
) -> None:
    importer = office_ctx.decisions.imports
    before = saved_state(office_ctx)
    preview = outcome(lambda: importer.preview(save(tmp_path, name, data)))
    if isinstance(preview, UserFacingError):
        assert saved_state(office_ctx) == before
        return
    report = outcome(lambda: importer.import_rows(admin, preview))
    delta = changed(before, saved_state(office_ctx))
    if isinstance(report, UserFacingError):
        assert delta == {}
    else:
        assert delta.get("decision_items", 0) == report.accepted == len(preview.rows)
        assert delta.get("audit_entries", 0) >= 1
