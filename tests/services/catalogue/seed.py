"""Rows the compliance tests stand on, written straight into the tables (the importer and the registers
have their own tests): catalogue items, documents, 上报 packages, 公开栏 postings with photos, villages."""

from __future__ import annotations

from datetime import date, datetime

from app.models.attachment import Attachment
from app.models.catalogue import CatalogueItem, Village, VillagePosting
from app.models.decision import DecisionDirectory, DecisionItem
from app.models.document import Document
from app.models.export import ExportItem, ExportPackage
from app.models.posting import Posting, PostingPhoto
from app.services.catalogue.rules import rule_to_json
from app.services.catalogue.types import Period, Rule, RuleKind
from app.services.context import AppContext

TWENTY_WORKING_DAYS = Rule(RuleKind.WORKING_DAYS, days=20, anchor="形成")
QUARTERLY_20TH = Rule(RuleKind.PERIODIC, period=Period.QUARTER, month=1, day=20)
STANDING = Rule(RuleKind.NONE)
MANUAL = Rule(RuleKind.MANUAL, note="按有关规定")


def add_item(
    ctx: AppContext,
    seq: str,
    level2: str,
    rule: Rule = TWENTY_WORKING_DAYS,
    channels: str = "政府网站",
    *,
    year: int = 2026,
    level1: str = "财政信息",
    tier: str = "镇级",
    content: str = "",
) -> int:
    with ctx.sessions.begin() as session:
        row = CatalogueItem(
            year=year,
            seq=seq,
            sort_order=int(seq) if seq.isdigit() else 0,
            level1=level1,
            level2=level2,
            content=content,
            time_limit="",
            rule=rule_to_json(rule),
            channels=channels,
            tier=tier,
        )
        session.add(row)
        session.flush()
        return row.id


def add_document(ctx: AppContext, title: str, written_on: date = date(2026, 3, 2), number: str = "") -> int:
    with ctx.sessions.begin() as session:
        row = Document(
            index_no=f"TEST/{title}",
            doc_number=number,
            title=title,
            publisher="测试镇人民政府",
            written_on=written_on,
            disclosure="主动公开",
        )
        session.add(row)
        session.flush()
        return row.id


def add_package(ctx: AppContext, built_at: datetime, *items: tuple[str, int]) -> int:
    """An 上报 package that carried `items` ((export kind, id): document / posting / decision_result …)."""
    with ctx.sessions.begin() as session:
        package = ExportPackage(
            built_at=built_at,
            mode="增量",
            file_name=f"上报-{built_at:%Y%m%d}.zip",
            content_sha256="0" * 64,
            package_size=1,
            item_count=len(items),
            file_count=0,
            username="admin",
        )
        session.add(package)
        session.flush()
        for kind, item_id in items:
            session.add(
                ExportItem(
                    export_id=package.id,
                    item_kind=kind,
                    item_id=item_id,
                    index_no="",
                    title="",
                    fingerprint="",
                    file_count=0,
                )
            )
        return package.id


def add_posting(
    ctx: AppContext,
    title: str,
    posted_at: datetime | None,
    *,
    document_id: int | None = None,
    directory_id: int | None = None,
    photo: bool = True,
) -> int:
    """A 公开栏 posting (made from a document or a decision directory when given), put up at `posted_at`."""
    with ctx.sessions.begin() as session:
        posted = posted_at.date() if posted_at else date(2026, 1, 1)
        row = Posting(
            title=title,
            source_kind="document" if document_id else "decision_directory" if directory_id else "free",
            source_id=document_id or directory_id,
            period_preset="10日",
            period_start=posted,
            period_end=posted,
            status="张贴中" if posted_at else "待张贴",
            posted_at=posted_at,
        )
        session.add(row)
        session.flush()
        if photo:
            picture = Attachment(sha256="a" * 64, original_name="张贴.jpg", size=1, media_type="image/jpeg")
            session.add(picture)
            session.flush()
            session.add(PostingPhoto(posting_id=row.id, attachment_id=picture.id, stage="张贴"))
        return row.id


def add_decision(ctx: AppContext, name: str, status: str = "有效") -> tuple[int, int]:
    """A 决策事项 of the 2026 directory: (directory id, item id)."""
    with ctx.sessions.begin() as session:
        directory = DecisionDirectory(year=2026, status="已公布", published_on=date(2026, 3, 2))
        session.add(directory)
        session.flush()
        item = DecisionItem(
            directory_id=directory.id,
            seq=1,
            name=name,
            subject="镇人民政府",
            undertaker="党政办",
            planned_on=date(2026, 6, 30),
            status=status,
        )
        session.add(item)
        session.flush()
        return directory.id, item.id


def add_village(ctx: AppContext, name: str, order: int = 0, active: bool = True) -> int:
    with ctx.sessions.begin() as session:
        row = Village(name=name, kind="村", sort_order=order, active=active)
        session.add(row)
        session.flush()
        return row.id


def add_village_posting(ctx: AppContext, item_id: int, village_id: int, period: str, posted_on: date) -> int:
    with ctx.sessions.begin() as session:
        row = VillagePosting(item_id=item_id, village_id=village_id, period=period, posted_on=posted_on)
        session.add(row)
        session.flush()
        return row.id
