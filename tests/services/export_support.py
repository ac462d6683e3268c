"""Demo-like catalogue items over real attachments, for the export tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from app.services.context import AppContext
from app.services.export.catalogue.base import CatalogueFile, CatalogueItem, StaticSource
from app.services.export.service import ExportService

ORG = "11320000TEST0001X"
DOCS = (
    ("赵府办〔2025〕12号", "关于印发《赵巷镇2025年政务公开工作要点》的通知", "要点.pdf", b"%PDF-1.4 gongkai"),
    ("赵府发〔2025〕3号", "赵巷镇人民政府关于做好2025年春耕生产工作的通知", "春耕.docx", b"PK docx body"),
    ("", "赵巷镇2025年重大行政决策事项目录", "CON.txt", "目录正文\n".encode()),
    ("赵府发〔2024〕41号", "赵巷镇最低生活保障对象动态管理办法", "../../etc/passwd", b"low-income rules"),
)


def allow_all(_session: object, _item: CatalogueItem, _moment: datetime) -> str | None:
    return None


def make_item(
    ctx: AppContext, tmp: Path, n: int, doc_no: str, title: str, name: str, body: bytes, **changes: object
) -> CatalogueItem:
    source = tmp / f"src-{n}.bin"
    source.write_bytes(body)
    info = ctx.attachments.add_file(source, name)
    values: dict[str, object] = {
        "kind": "document",
        "item_id": n,
        "index_no": f"{ORG}/2025-{n:05d}",
        "title": title,
        "summary": f"{title}的内容概述",
        "created": date(2025, 3, 1) + timedelta(days=n - 1),
        "publisher": "测试镇人民政府",
        "doc_no": doc_no,
        "topic": "综合政务\\政务公开",
        "genre": "通知",
        "channels": "政府网站、政务公开栏",
        "validity": "有效",
        "files": (CatalogueFile(info.sha256, info.original_name, info.size),),
        "updated_at": datetime(2025, 3, 1, 9, 30) + timedelta(days=n - 1),
    }
    values.update(changes)
    return CatalogueItem(**values)  # type: ignore[arg-type]


def demo_items(ctx: AppContext, tmp: Path) -> list[CatalogueItem]:
    return [make_item(ctx, tmp, n, *doc) for n, doc in enumerate(DOCS, start=1)]


def service(ctx: AppContext, items: list[CatalogueItem], gate: object = allow_all) -> ExportService:
    return ExportService(
        ctx.sessions,
        ctx.attachments,
        ctx.settings,
        StaticSource(tuple(items)),
        gate=gate,  # type: ignore[arg-type]
    )
