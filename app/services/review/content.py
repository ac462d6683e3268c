"""What a 保密审查单 reviews (先审查、后公开 bound to content, issue 19).

Each publishable item's content is a small dict of labelled fields — the texts that leave the office and
each attachment's SHA-256 (attachments are content-addressed, so no file is opened). Its fingerprint is the
SHA-256 of the dict as canonical JSON. A sheet stores both; the gate compares them with the item's
current content, and the field-by-field difference says what changed since the review.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Attachment
from app.models.decision import (
    PROCEDURE_LABELS,
    DecisionDirectory,
    DecisionItem,
    DecisionStage,
    DecisionStageAttachment,
    Stage,
    procedures_text,
)
from app.models.document import Document, DocumentFile
from app.models.posting import Posting
from app.models.request import RequestCase, RequestLetter

BATCH = 500  # ids per IN (…): well under SQLite's variable limit
FILES = "附件"
ITEMS = "事项"
SUMMARY_TEXT = 300  # texts longer than this are recorded by length and SHA-256, not copied into the sheet


@dataclass(frozen=True)
class Content:
    """One item's reviewed fields: label → text, or a list of rows (attachments, directory items)."""

    fields: dict[str, Any]

    @property
    def canonical(self) -> str:
        return canonical_json(self.fields)

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.canonical)

    @property
    def title(self) -> str:
        return str(self.fields.get("标题", ""))


def canonical_json(fields: dict[str, Any]) -> str:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def fingerprint_of(canonical: str) -> str:
    """What a sheet binds to: the SHA-256 of the canonical JSON (callers holding it need not rebuild it)."""
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def parse_fields(text: str) -> dict[str, Any]:
    """A sheet's stored content (empty for sheets made before issue 19)."""
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def text_field(text: str) -> str:
    """Short texts as they are; a long body by its length and SHA-256 (the sheet need not copy it)."""
    if len(text) <= SUMMARY_TEXT:
        return text
    return f"{len(text)}字，SHA-256 {hashlib.sha256(text.encode('utf-8')).hexdigest()}"


def files_field(files: Iterable[tuple[str, str]]) -> list[list[str]]:
    return [[name, sha256] for name, sha256 in files]


# ---- the content of each kind (pure: also used for rows not yet in the database) --------------------------


def document_content(
    title: str,
    doc_number: str,
    publisher: str,
    disclosure: str,
    files: Iterable[tuple[str, str]],
    issuer: str = "",
    addressee: str = "",
) -> Content:
    """发文机关/主送 only when filled: sheets approved before they were stored keep their fingerprint."""
    extra = {label: text for label, text in (("发文机关", issuer), ("主送", addressee)) if text}
    return Content(
        {"标题": title, "文号": doc_number, "发布机构": publisher, "公开属性": disclosure,
         FILES: files_field(files)} | extra
    )  # fmt: skip


def posting_content(title: str, body: str, unit: str, phone: str, qr_url: str) -> Content:
    """The printed text: title, body (its tables are tab-separated lines of it), 落款, phone, QR link."""
    return Content(
        {"标题": title, "正文": text_field(body), "落款": unit, "联系电话": phone, "二维码链接": qr_url}
    )


def directory_content(year: int, items: Sequence[Sequence[str]]) -> Content:
    """The directory as published: every item's row (序号, 名称, 主体, 承办, 依据, 程序, 计划完成, 状态)."""
    return Content({"标题": f"{year}年重大行政决策事项目录", ITEMS: [list(item) for item in items]})


def result_content(name: str, decided: str, files: Iterable[tuple[str, str]]) -> Content:
    """决策公布: the decision taken at the 集体讨论决定 and the files attached to the 决策公布 stage."""
    return Content({"标题": f"{name}决策结果", "决定结果": text_field(decided), FILES: files_field(files)})


def feedback_content(name: str, received: int | None, adopted: int | None, reasons: str) -> Content:
    """意见采纳情况反馈: what the 公开征求意见 stage recorded about the opinions."""
    return Content(
        {"标题": f"{name}意见采纳情况反馈", "收到意见": "" if received is None else str(received),
         "采纳意见": "" if adopted is None else str(adopted), "未采纳的意见及理由": text_field(reasons)}
    )  # fmt: skip


def release_content(number: str, description: str, letters: Iterable[tuple[str, str]]) -> Content:
    return Content(
        {"标题": " ".join(description.split())[:200], "受理编号": number,
         "申请内容": text_field(description), "答复文书": files_field(letters)}
    )  # fmt: skip


# ---- the current content of many items, a few queries per 500 ---------------------------------------------


def current_contents(session: Session, kind: str, item_ids: Iterable[int]) -> dict[int, Content]:
    """item id → its content now (items that no longer exist are absent)."""
    loader = _LOADERS.get(kind)
    wanted = sorted(set(item_ids))
    found: dict[int, Content] = {}
    if loader is None:
        return found
    for start in range(0, len(wanted), BATCH):
        found.update(loader(session, wanted[start : start + BATCH]))
    return found


def current_content(session: Session, kind: str, item_id: int) -> Content | None:
    return current_contents(session, kind, [item_id]).get(item_id)


def _documents(session: Session, ids: list[int]) -> dict[int, Content]:
    files = _grouped(
        session.execute(
            select(DocumentFile.document_id, Attachment.original_name, Attachment.sha256)
            .join(Attachment, Attachment.id == DocumentFile.attachment_id)
            .where(DocumentFile.document_id.in_(ids))
            .order_by(DocumentFile.document_id, DocumentFile.sort_order, DocumentFile.id)
        )
    )
    rows = session.execute(
        select(Document.id, Document.title, Document.doc_number, Document.publisher, Document.disclosure,
               Document.issuer, Document.addressee)
        .where(Document.id.in_(ids))
    )  # fmt: skip
    return {
        row.id: document_content(
            row.title,
            row.doc_number,
            row.publisher,
            row.disclosure,
            files.get(row.id, []),
            row.issuer,
            row.addressee,
        )
        for row in rows
    }


def _postings(session: Session, ids: list[int]) -> dict[int, Content]:
    rows = session.execute(
        select(Posting.id, Posting.title, Posting.body, Posting.unit, Posting.phone, Posting.qr_url)
        .where(Posting.id.in_(ids))
    )  # fmt: skip
    return {row.id: posting_content(row.title, row.body, row.unit, row.phone, row.qr_url) for row in rows}


def directory_row(item: DecisionItem) -> list[str]:
    procedures = procedures_text({key: getattr(item, key) for key in PROCEDURE_LABELS})
    return [
        str(item.seq), item.name, item.subject, item.undertaker, text_field(item.basis),
        procedures, item.planned_on.isoformat(), item.status,
    ]  # fmt: skip


def _directories(session: Session, ids: list[int]) -> dict[int, Content]:
    items: dict[int, list[list[str]]] = {}
    for item in session.scalars(
        select(DecisionItem).where(DecisionItem.directory_id.in_(ids)).order_by(DecisionItem.seq)
    ):
        items.setdefault(item.directory_id, []).append(directory_row(item))
    years = session.execute(
        select(DecisionDirectory.id, DecisionDirectory.year).where(DecisionDirectory.id.in_(ids))
    )
    return {
        directory_id: directory_content(year, items.get(directory_id, [])) for directory_id, year in years
    }


def _stages(session: Session, ids: list[int], stage: str) -> dict[int, DecisionStage]:
    query = select(DecisionStage).where(DecisionStage.item_id.in_(ids), DecisionStage.stage == stage)
    return {row.item_id: row for row in session.scalars(query)}


def _results(session: Session, ids: list[int]) -> dict[int, Content]:
    meetings = _stages(session, ids, Stage.MEETING.value)
    files = _grouped(
        session.execute(
            select(DecisionStage.item_id, Attachment.original_name, Attachment.sha256)
            .join(DecisionStageAttachment, DecisionStageAttachment.stage_id == DecisionStage.id)
            .join(Attachment, Attachment.id == DecisionStageAttachment.attachment_id)
            .where(DecisionStage.item_id.in_(ids), DecisionStage.stage == Stage.PUBLISH.value)
            .order_by(DecisionStage.item_id, DecisionStageAttachment.id)
        )
    )
    names = session.execute(select(DecisionItem.id, DecisionItem.name).where(DecisionItem.id.in_(ids)))
    return {
        item_id: result_content(
            name, meetings[item_id].result if item_id in meetings else "", files.get(item_id, [])
        )
        for item_id, name in names
    }


def _feedbacks(session: Session, ids: list[int]) -> dict[int, Content]:
    consults = _stages(session, ids, Stage.CONSULT.value)
    names = session.execute(select(DecisionItem.id, DecisionItem.name).where(DecisionItem.id.in_(ids)))
    found: dict[int, Content] = {}
    for item_id, name in names:
        row = consults.get(item_id)
        found[item_id] = feedback_content(
            name,
            row.opinions_received if row else None,
            row.opinions_adopted if row else None,
            row.not_adopted_reasons if row else "",
        )
    return found


def _releases(session: Session, ids: list[int]) -> dict[int, Content]:
    letters = _grouped(
        session.execute(
            select(RequestLetter.case_id, Attachment.original_name, Attachment.sha256)
            .join(Attachment, Attachment.id == RequestLetter.attachment_id)
            .where(RequestLetter.case_id.in_(ids))
            .order_by(RequestLetter.case_id, RequestLetter.id)
        )
    )
    rows = session.execute(
        select(RequestCase.id, RequestCase.number, RequestCase.description).where(RequestCase.id.in_(ids))
    )
    return {row.id: release_content(row.number, row.description, letters.get(row.id, [])) for row in rows}


def _grouped(rows: Iterable[Any]) -> dict[int, list[tuple[str, str]]]:
    grouped: dict[int, list[tuple[str, str]]] = {}
    for owner, name, sha256 in rows:
        grouped.setdefault(owner, []).append((name, sha256))
    return grouped


_LOADERS = {
    "document": _documents,
    "posting": _postings,
    "decision_directory": _directories,
    "decision_result": _results,
    "decision_feedback": _feedbacks,
    "request_release": _releases,
}


# ---- what changed -----------------------------------------------------------------------------------------


def changed_fields(reviewed: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """The labels whose value differs, in the item's own field order."""
    labels = list(current) + [label for label in reviewed if label not in current]
    return [label for label in labels if reviewed.get(label) != current.get(label)]


def joined(labels: Sequence[str]) -> str:
    """「标题」, 「标题和附件」, 「标题、文号和附件」."""
    if len(labels) <= 1:
        return "".join(labels)
    return "、".join(labels[:-1]) + "和" + labels[-1]


def change_details(reviewed: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """Plain sentences for the clerk: which attachments or directory items came or went, the old title."""
    details: list[str] = []
    for label in changed_fields(reviewed, current):
        old, new = reviewed.get(label), current.get(label)
        if isinstance(old, list) or isinstance(new, list):
            before = {_row_key(row) for row in old or []}
            after = {_row_key(row) for row in new or []}
            added = [key for key in after - before if key]
            removed = [key for key in before - after if key]
            parts = [f"新增「{'」「'.join(sorted(added))}」"] if added else []
            parts += [f"去掉「{'」「'.join(sorted(removed))}」"] if removed else []
            details.append(f"{label}：{'，'.join(parts) or '内容有改动'}")
        elif label == "标题":
            details.append(f"审查时的标题是「{old}」")
        else:
            details.append(f"{label}：审查时为「{_short(old)}」，现在为「{_short(new)}」")
    return details


def _row_key(row: Any) -> str:
    """An attachment is named by its file name; a directory item by its name (second column)."""
    if isinstance(row, list) and row:
        return str(row[1]) if len(row) > 2 else str(row[0])
    return str(row)


def _short(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 40 else text[:38] + "…"
