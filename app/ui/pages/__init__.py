"""The navigation: each page declared once, built lazily on first visit.

Light on purpose: the window's frame lists these titles before the data folder is open (issue 24), so
nothing here imports a page module, SQLAlchemy or the services; a page's module loads on its first visit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.services.permissions import Actor, Perm  # enums only: no SQLAlchemy (checked with -X importtime)

if TYPE_CHECKING:
    from app.ui.page_services import PageServices
    from app.ui.pages.base_page import BasePage


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    icon: str
    factory: Callable[[PageServices, QWidget | None], BasePage]
    permission: Perm | None = None  # pages only some roles see (the services refuse the rest anyway)


def _lazy(module: str, class_name: str) -> Callable[[PageServices, QWidget | None], BasePage]:
    """The page's module is imported on its first visit, not at start-up."""

    def build(services: PageServices, parent: QWidget | None) -> BasePage:
        page_class: Callable[[PageServices, QWidget | None], BasePage] = getattr(
            import_module(f"app.ui.pages.{module}"), class_name
        )
        return page_class(services, parent)

    return build


PAGES: tuple[PageSpec, ...] = (
    PageSpec("dashboard", "工作台", "dashboard", _lazy("dashboard_page", "DashboardPage")),
    PageSpec(
        "documents",
        "公文登记",
        "documents",
        _lazy("documents_page", "DocumentsPage"),
    ),
    PageSpec(
        "review",
        "保密审查",
        "review",
        _lazy("review_page", "ReviewPage"),
    ),
    PageSpec(
        "requests",
        "依申请公开",
        "requests",
        _lazy("requests_page", "RequestsPage"),
    ),
    PageSpec(
        "decisions",
        "决策目录",
        "decisions",
        _lazy("decisions_page", "DecisionsPage"),
    ),
    PageSpec("catalogue", "标准目录", "catalogue", _lazy("catalogue_page", "CataloguePage")),
    PageSpec("boards", "公开栏", "boards", _lazy("boards_page", "BoardsPage")),
    PageSpec("export", "上报导出", "export", _lazy("export_page", "ExportPage")),
    PageSpec("report", "年度报告", "report", _lazy("report_page", "ReportPage")),
    PageSpec(
        "tasks",
        "工作要点",
        "tasks",
        _lazy("tasks_page", "TasksPage"),
    ),
    PageSpec(
        "audit",
        "操作日志",
        "audit",
        _lazy("audit_page", "AuditPage"),
        permission=Perm.VIEW_AUDIT,
    ),
    PageSpec("settings", "设置", "settings", _lazy("settings_page", "SettingsPage")),
)


def visible_pages(actor: Actor) -> tuple[PageSpec, ...]:
    return tuple(spec for spec in PAGES if spec.permission is None or actor.can(spec.permission))
