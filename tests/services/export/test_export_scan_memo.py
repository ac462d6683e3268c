"""Issue 24: a build does not scan again the attachment texts its preview just scanned — but a text that
changed since (or another office phone on the allow-list) is scanned anew, so no personal data slips out."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from app.models.document import DocumentFile
from app.services.context import AppContext
from app.services.export.service import ExportMode
from app.services.permissions import Actor
from app.services.privacy.detector import AllowList, Finding
from tests.services.personal_data_support import published_document, txt_file

BODY = "现将冬季防火有关事项通知如下，请各村认真落实。"


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from app.services.export import screen as export_screen

    scanned: list[str] = []
    real = export_screen.find

    def counting(text: str, allow: AllowList) -> list[Finding]:
        if "防火" in text and "\x00" not in text:  # an attachment's text, not the fields scanned together
            scanned.append(text)
        return real(text, allow)

    monkeypatch.setattr(export_screen, "find", counting)
    return scanned


def test_a_build_after_its_preview_scans_no_attachment_text_again(
    office_ctx: AppContext, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    published_document(office_ctx, tmp_path, 1, files=(("通知.txt", txt_file(BODY)),))
    scanned = _counting(monkeypatch)
    plan = office_ctx.exports.preview(admin, ExportMode.FULL)
    assert len(plan.items) == 1 and len(scanned) == 1
    result = office_ctx.exports.build(admin, tmp_path / "包.zip")
    assert result.items == 1 and len(scanned) == 1


def test_a_text_changed_after_the_preview_is_scanned_again_and_left_out(
    office_ctx: AppContext, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = published_document(office_ctx, tmp_path, 1, files=(("通知.txt", txt_file(BODY)),))
    scanned = _counting(monkeypatch)
    assert len(office_ctx.exports.preview(admin, ExportMode.FULL).items) == 1
    with office_ctx.sessions.begin() as session:  # the same file, its text now read with a phone number
        session.execute(
            update(DocumentFile)
            .where(DocumentFile.document_id == doc)
            .values(text=BODY + "联系人张某 13812345678")
        )
    plan = office_ctx.exports.preview(admin, ExportMode.FULL)
    assert len(scanned) == 2 and not plan.items
    assert "疑似手机号" in plan.left_out[0].reason


def test_a_changed_office_phone_makes_the_texts_scanned_again(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    """The office's own number is public; once the office changes its number, the old one is a finding."""
    from dataclasses import replace

    from tests.conftest import TEST_OFFICE

    own = replace(TEST_OFFICE, phone="0512-57123456")
    office_ctx.settings.save_office(admin, own)
    published_document(
        office_ctx, tmp_path, 1, files=(("通知.txt", txt_file(BODY + "咨询电话 0512-57123456")),)
    )
    assert len(office_ctx.exports.preview(admin, ExportMode.FULL).items) == 1
    office_ctx.settings.save_office(admin, replace(own, phone="021-69876543", address="别的路 9 号"))
    plan = office_ctx.exports.preview(admin, ExportMode.FULL)
    assert not plan.items and "疑似" in plan.left_out[0].reason
