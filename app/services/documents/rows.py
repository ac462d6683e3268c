"""公文 rows ↔ values: the audited field map, copying input onto a row and back, and the 索引号 counter."""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models import OfficeProfile
from app.models.document import Document
from app.services.documents.rules import DocumentInput, index_scope, render_index
from app.services.search.index import SearchFields
from app.services.settings import registry

ENTITY = "公文"


def get_row(session: Session, document_id: int) -> Document:
    row = session.get(Document, document_id)
    if row is None:
        raise UserFacingError("这件公文已被删除，请刷新列表。")
    return row


def audited_fields(row: Document) -> dict[str, object]:
    return {
        "文号": row.doc_number,
        "标题": row.title,
        "发布机构": row.publisher,
        "发文机关": row.issuer,
        "主送": row.addressee,
        "成文日期": row.written_on,
        "变更日期": row.changed_on,
        "公开属性": row.disclosure,
        "不公开理由": row.withhold_reason,
        "依据": row.withhold_basis,
        "主题分类": row.topic,
        "体裁分类": row.genre,
        "行政规范性文件": row.normative,
        "有效性": row.validity,
        "失效日期": row.validity_date,
        "公开方式": row.channels,
        "解读对象": row.interprets_id,
        "公开时限": row.publish_limit_days,
    }


def apply_values(row: Document, value: DocumentInput) -> None:
    row.doc_number, row.title, row.publisher = value.doc_number, value.title, value.publisher
    row.issuer, row.addressee = value.issuer, value.addressee
    row.written_on, row.changed_on, row.disclosure = value.written_on, value.changed_on, value.disclosure
    row.withhold_reason, row.withhold_basis = value.withhold_reason, value.withhold_basis
    row.topic, row.genre, row.normative = value.topic, value.genre, value.normative
    row.validity, row.validity_date = value.validity, value.validity_date
    row.channels = "、".join(value.channels)
    row.interprets_id, row.publish_limit_days = value.interprets_id, value.publish_limit_days


def input_of(row: Document) -> DocumentInput:
    return DocumentInput(
        title=row.title,
        publisher=row.publisher,
        disclosure=row.disclosure,
        doc_number=row.doc_number,
        written_on=row.written_on,
        changed_on=row.changed_on,
        withhold_reason=row.withhold_reason,
        withhold_basis=row.withhold_basis,
        topic=row.topic,
        genre=row.genre,
        normative=row.normative,
        validity=row.validity,
        validity_date=row.validity_date,
        channels=tuple(part for part in row.channels.split("、") if part),
        interprets_id=row.interprets_id,
        publish_limit_days=row.publish_limit_days,
        issuer=row.issuer,
        addressee=row.addressee,
    )


def issue_index_no(session: Session, year: int) -> str:
    """Next 索引号. The counter UPDATE is the transaction's first write, so concurrent registrations
    queue on SQLite's write lock (busy_timeout) and each gets its own number; never reused."""
    office = session.get(OfficeProfile, 1)
    if office is None or not office.org_code:
        raise UserFacingError("请先在「设置 → 单位信息」填写机构代码，索引号由它生成。")
    scope = index_scope(office.org_code, year)
    template = registry.INDEX_TEMPLATE.read(session)
    while True:
        seq = session.execute(
            text(
                "INSERT INTO index_counters(scope, last_seq) VALUES (:scope, 1) "
                "ON CONFLICT(scope) DO UPDATE SET last_seq = index_counters.last_seq + 1 RETURNING last_seq"
            ),
            {"scope": scope},
        ).scalar_one()
        candidate = render_index(template, office.org_code, year, int(seq))
        if session.scalar(select(Document.id).where(Document.index_no == candidate)) is None:
            return candidate


def search_fields(row: Document, body: str) -> SearchFields:
    return SearchFields(row.title, f"{row.doc_number} {row.index_no} {row.publisher}", body)


def input_dict(value: DocumentInput) -> dict[str, object]:
    return asdict(value)
