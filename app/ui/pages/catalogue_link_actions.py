"""Linking registered information to the standard catalogue from the registers (issue 23): the 「标准目录」
line of a detail panel, 「关联标准目录…」, and the links chosen while registering a 公文, saved once the
document exists. Kept here so the register pages grow by a call, not by a feature."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QPushButton, QWidget

from app.services.catalogue.links import LinkRow, LinkService
from app.services.catalogue.service import CatalogueService
from app.services.documents.rules import DocumentInput
from app.services.documents.service import DocumentDetail
from app.services.postings.types import PostingInfo
from app.ui.dialogs.catalogue_link_dialog import CatalogueLinkDialog, LinkChoice
from app.ui.errors import user_errors
from app.ui.page_services import PageServices
from app.ui.pages.alert_targets import open_alert
from app.ui.pages.boards_view import BoardsView
from app.ui.widgets.catalogue_compliance_view import CatalogueComplianceView

DOCUMENT, POSTING = "公文", "公开栏"
NOT_LINKED = "标准目录：未关联（点「关联标准目录…」说明它落实了目录中的哪一项）"


def _links(services: PageServices) -> LinkService:
    ctx = services.ctx
    return LinkService(ctx.sessions, ctx.calendar, ctx.attachments)


def compliance_view(services: PageServices, parent: QWidget | None = None) -> CatalogueComplianceView:
    """The 「公开情况」 tab with its lines opening the linked 公文, 张贴 or 决策事项 on their pages."""
    return CatalogueComplianceView(services, parent, lambda alert: open_alert(services, alert))


def document_formed(value: DocumentInput, today: date) -> date:
    """The information's 形成（变更）日期: the 变更日期 if any, else the 成文日期, else today."""
    return value.changed_on or value.written_on or today


def ask_links(
    services: PageServices,
    parent: QWidget | None,
    heading: str,
    formed: date,
    title: str,
    topic: str = "",
    already: frozenset[int] = frozenset(),
) -> LinkChoice | None:
    """The clerk's pick of catalogue items (suggested from `title` and `topic`), or None on 取消."""
    ctx = services.ctx
    catalogue, links = CatalogueService(ctx.sessions), _links(services)
    dialog = CatalogueLinkDialog(
        heading,
        formed,
        lambda year: catalogue.items(year, include_voided=False),
        lambda year: links.suggest(year, title, topic),
        ctx.calendar.calendar(),
        already,
        parent,
    )
    return dialog.choice() if dialog.exec() else None


def save_links(
    services: PageServices, parent: QWidget | None, kind: str, source_id: int, choice: LinkChoice
) -> int:
    """Each chosen item linked; a refusal (an item voided meanwhile …) is shown and the rest go on."""
    links, saved = _links(services), 0
    for item_id in choice.item_ids:
        with user_errors(parent) as attempt:
            links.link(services.actor, item_id, kind, source_id, choice.formed_on, choice.note)
        saved += attempt.ok
    return saved


def link_source(
    services: PageServices,
    parent: QWidget | None,
    kind: str,
    source_id: int,
    heading: str,
    formed: date,
    title: str,
    topic: str = "",
) -> int:
    """「关联标准目录…」 on a registered piece of information; the number of links made."""
    already = frozenset(row.item_id for row in _links(services).links_for_source(kind, source_id))
    choice = ask_links(services, parent, heading, formed, title, topic, already)
    return save_links(services, parent, kind, source_id, choice) if choice is not None else 0


def link_document(services: PageServices, parent: QWidget | None, detail: DocumentDetail) -> int:
    value = detail.values
    number = f"（{html.escape(value.doc_number)}）" if value.doc_number else ""
    heading = f"<b>公文：</b>{html.escape(value.title)}{number}"
    formed = document_formed(value, services.ctx.clock.today())
    return link_source(services, parent, DOCUMENT, detail.id, heading, formed, value.title, value.topic)


def link_posting(services: PageServices, parent: QWidget | None, info: PostingInfo) -> int:
    """A 公开栏 posting: its clock starts on the 落款 date, else the day it went up, else its first day."""
    draft = info.draft
    formed = draft.signed_on or (info.posted_at.date() if info.posted_at else draft.period_start)
    heading = f"<b>公开栏张贴：</b>{html.escape(info.title)}"
    return link_source(services, parent, POSTING, info.id, heading, formed, info.title)


def posting_summary(services: PageServices, posting_id: int) -> str:
    """「标准目录：21 安全生产 › 安全生产监管」 for the 公开栏 page's message line."""
    rows = _links(services).links_for_source(POSTING, posting_id)
    return "标准目录：" + "、".join(f"{row.seq} {_name(row)}" for row in rows) if rows else "标准目录：未关联"


def posting_link_button(page: BoardsView) -> QPushButton:
    """「关联标准目录…」 in the 公开栏 page's button row, for the posting on screen."""
    button = QPushButton("关联标准目录…")
    button.setToolTip("说明这份张贴落实了标准目录中的哪一项，以便检查是否按时公开")

    def clicked() -> None:
        info = page.current
        if info is None:
            page.show_message("请先保存这份张贴，再关联标准目录。")
        elif link_posting(page.services, page, info):
            page.show_message(posting_summary(page.services, info.id))

    button.clicked.connect(clicked)
    page.buttons.addWidget(button)
    return button


def registration_picker(
    services: PageServices, parent: QWidget | None
) -> Callable[[DocumentInput], LinkChoice | None]:
    """For the 登记公文 dialog's 「标准目录事项」 field: pick from what the clerk has typed so far."""

    def pick(value: DocumentInput) -> LinkChoice | None:
        heading = f"<b>登记中的公文：</b>{html.escape(value.title or '（未填标题）')}"
        formed = document_formed(value, services.ctx.clock.today())
        return ask_links(services, parent, heading, formed, value.title, value.topic)

    return pick


def links_text(services: PageServices, kind: str, source_id: int) -> str:
    """The detail panel's 「标准目录」 line: each linked item with the 形成 date its clock starts from."""
    rows = _links(services).links_for_source(kind, source_id)
    return catalogue_lines(rows) if rows else NOT_LINKED


def catalogue_lines(rows: list[LinkRow]) -> str:
    parts = [
        f"　· {html.escape(row.seq)} {html.escape(_name(row))}（{row.formed_on.isoformat()} 形成）"
        for row in rows
    ]
    return "标准目录：<br>" + "<br>".join(parts)


def _name(row: LinkRow) -> str:
    return f"{row.level1} › {row.level2}" if row.level2 else row.level1
