"""公文登记: 删除 or 作废 a wrong registration, and the reason for changing what was published (issue 21).

Every path asks the clerk for a reason first; the services refuse what is not allowed and audit the rest.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app import APP_NAME
from app.services.documents.rules import PROACTIVE, DocumentInput
from app.services.documents.service import DocumentDetail, DocumentService
from app.services.formats.doc_numbers import normalize_doc_number
from app.services.permissions import Actor
from app.ui.dialogs import reason_dialog
from app.ui.errors import user_errors

AFTER_VOID = "作废后它不再出现在登记簿、年度报告和上报数据包中；记录和操作日志都保留，可在「已作废」中查看。"


def _name(detail: DocumentDetail) -> str:
    title = detail.values.title
    return f"「{title[:40]}{'…' if len(title) > 40 else ''}」（索引号 {detail.index_no}）"


def remove_document(parent: QWidget, docs: DocumentService, actor: Actor, detail: DocumentDetail) -> bool:
    """删除 while nothing depends on the document, else 作废; True when something changed."""
    if detail.voided_at is not None:
        QMessageBox.information(parent, APP_NAME, f"{_name(detail)}已于 {detail.voided_at:%Y-%m-%d} 作废。")
        return False
    blockers = docs.can_delete(detail.id)
    if not blockers:
        message = f"删除{_name(detail)}？\n删除后不能恢复，这个索引号也不会再使用。"
        reason = reason_dialog.ask_reason(parent, "删除公文", message, "删除")
        if reason is None:
            return False
        with user_errors(parent) as attempt:
            docs.delete(actor, detail.id, reason)
        return attempt.ok
    message = f"{_name(detail)}：{'、'.join(blockers)}，因此不能删除，只能作废。\n{AFTER_VOID}"
    reason = reason_dialog.ask_reason(parent, "作废公文", message, "作废")
    if reason is None:
        return False
    with user_errors(parent) as attempt:
        docs.void(actor, detail.id, reason)
    return attempt.ok


def _reviewed(value: DocumentInput) -> tuple[str, ...]:
    """The fields a 保密审查单 covers (besides the attachments), as the service will store them."""
    clean = [" ".join(text.split()) for text in (value.title, value.publisher)]
    return (*clean, normalize_doc_number(value.doc_number), value.disclosure)


def correction_reason(parent: QWidget, detail: DocumentDetail, value: DocumentInput | None) -> str | None:
    """Empty when no reason is needed, the reason typed, or None when the clerk cancels. `value` None: an
    attachment is being added."""
    if not detail.live or (value is not None and _reviewed(value) == _reviewed(detail.values)):
        return ""
    when = f"这件公文已于 {detail.published_at:%Y-%m-%d} 公开。" if detail.published_at else ""
    if value is not None and value.disclosure != PROACTIVE:
        message = f"{when}改为「{value.disclosure}」后不再公开，原公开记录保留在历史中。"
        return reason_dialog.ask_reason(parent, "修改已公开的公文", message, "保存")
    what = "添加附件" if value is None else "修改标题、文号、发布机构或公开属性"
    message = (
        f"{when}{what}后，原公开记录保留在历史中，"
        "同时重新发起保密审查（一事一审），审查通过后再登记更正后的公开。"
    )
    return reason_dialog.ask_reason(parent, "修改已公开的公文", message, "保存并重新审查")
