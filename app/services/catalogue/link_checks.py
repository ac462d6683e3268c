"""What a link may point at: a live catalogue item and a source that still counts."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.catalogue import CatalogueItem, CatalogueLink, VillagePosting
from app.models.decision import DecisionItem
from app.models.document import Document
from app.models.posting import Posting


def item_name(item: CatalogueItem) -> str:
    return f"{item.level1}›{item.level2}" if item.level2 else item.level1


def live_item(session: Session, item_id: int) -> CatalogueItem:
    item = session.get(CatalogueItem, item_id)
    if item is None:
        raise UserFacingError("选中的目录事项已不存在，请刷新后重新选择。")
    if item.voided_at is not None:
        raise UserFacingError(f"第 {item.seq} 项「{item_name(item)}」已从目录中作废，不能再关联。")
    return item


def existing_link(session: Session, link_id: int) -> CatalogueLink:
    row = session.get(CatalogueLink, link_id)
    if row is None:
        raise UserFacingError("这条关联已不存在（可能刚被取消），请刷新后再试。")
    return row


def check_source(session: Session, kind: str, source_id: int) -> None:
    """The source exists and still counts: a voided 公文 or a revoked 决策事项 answers nothing."""
    if kind == "公文":
        document = session.get(Document, source_id)
        if document is not None and document.voided_at is not None:
            raise UserFacingError("这份公文已作废，不能关联到标准目录。")
        found = document is not None
    elif kind == "公开栏":
        found = session.get(Posting, source_id) is not None
    elif kind == "决策":
        decision = session.get(DecisionItem, source_id)
        if decision is not None and decision.status == "已撤销":
            raise UserFacingError("这个决策事项已撤销，不能关联到标准目录。")
        found = decision is not None
    else:
        found = session.get(VillagePosting, source_id) is not None
    if not found:
        raise UserFacingError(f"选中的{kind}已不存在（可能刚被删除），请重新选择。")
