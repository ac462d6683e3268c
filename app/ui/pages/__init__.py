"""The navigation: each page declared once, built lazily on first visit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from app.services.permissions import Actor, Perm
from app.ui.pages.audit_page import AuditPage
from app.ui.pages.base_page import BasePage, PageServices
from app.ui.pages.boards_page import BoardsPage
from app.ui.pages.dashboard_page import DashboardPage
from app.ui.pages.decisions_page import DecisionsPage
from app.ui.pages.documents_page import DocumentsPage
from app.ui.pages.export_page import ExportPage
from app.ui.pages.placeholder_page import PlaceholderPage
from app.ui.pages.requests_page import RequestsPage
from app.ui.pages.review_page import ReviewPage
from app.ui.pages.settings_page import SettingsPage
from app.ui.pages.tasks_page import TasksPage


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    icon: str
    factory: Callable[[PageServices, QWidget | None], BasePage]
    permission: Perm | None = None  # pages only some roles see (the services refuse the rest anyway)


def _placeholder(title: str, what: str) -> Callable[[PageServices, QWidget | None], BasePage]:
    return lambda services, parent: PlaceholderPage(title, what, services, parent)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("dashboard", "工作台", "dashboard", lambda services, parent: DashboardPage(services, parent)),
    PageSpec(
        "documents",
        "公文登记",
        "documents",
        lambda services, parent: DocumentsPage(services, parent),
    ),
    PageSpec(
        "review",
        "保密审查",
        "review",
        lambda services, parent: ReviewPage(services, parent),
    ),
    PageSpec(
        "requests",
        "依申请公开",
        "requests",
        lambda services, parent: RequestsPage(services, parent),
    ),
    PageSpec(
        "decisions",
        "决策目录",
        "decisions",
        lambda services, parent: DecisionsPage(services, parent),
    ),
    PageSpec("boards", "公开栏", "boards", lambda services, parent: BoardsPage(services, parent)),
    PageSpec("export", "上报导出", "export", lambda services, parent: ExportPage(services, parent)),
    PageSpec(
        "report",
        "年度报告",
        "report",
        _placeholder("年度报告", "按国办公开办函〔2021〕30号格式，从数据直接生成年度报告表格。"),
    ),
    PageSpec(
        "tasks",
        "工作要点",
        "tasks",
        lambda services, parent: TasksPage(services, parent),
    ),
    PageSpec(
        "audit",
        "操作日志",
        "audit",
        lambda services, parent: AuditPage(services, parent),
        permission=Perm.VIEW_AUDIT,
    ),
    PageSpec("settings", "设置", "settings", lambda services, parent: SettingsPage(services, parent)),
)


def visible_pages(actor: Actor) -> tuple[PageSpec, ...]:
    return tuple(spec for spec in PAGES if spec.permission is None or actor.can(spec.permission))


__all__ = ["PAGES", "BasePage", "PageServices", "PageSpec", "visible_pages"]
