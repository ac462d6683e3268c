"""The navigation: each page declared once, built lazily on first visit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from app.services.permissions import Actor, Perm
from app.ui.pages.audit_page import AuditPage
from app.ui.pages.base_page import BasePage, PageServices
from app.ui.pages.dashboard_page import DashboardPage
from app.ui.pages.placeholder_page import PlaceholderPage
from app.ui.pages.settings_page import SettingsPage


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
        _placeholder("公文登记", "登记本机关公文的索引号、文号、公开属性、主题分类和附件。"),
    ),
    PageSpec(
        "review",
        "保密审查",
        "review",
        _placeholder("保密审查", "公开前逐件填写保密审查单：先审查、后公开，一事一审。"),
    ),
    PageSpec(
        "requests",
        "依申请公开",
        "requests",
        _placeholder("依申请公开", "从收到申请到答复归档，按法定工作日自动计算期限，打印各类告知书。"),
    ),
    PageSpec(
        "decisions",
        "决策目录",
        "decisions",
        _placeholder("决策目录", "编制年度重大行政决策事项目录，记录每项决策的全过程。"),
    ),
    PageSpec(
        "boards", "公开栏", "boards", _placeholder("公开栏", "按公文格式打印公开栏张贴件，跟踪公示期和撤除。")
    ),
    PageSpec(
        "export",
        "上报导出",
        "export",
        _placeholder("上报导出", "生成上报区政务公开平台的数据包，附目录表和校验值。"),
    ),
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
        _placeholder("工作要点", "导入年度政务公开工作要点，逐条分解为任务台账并跟踪完成情况。"),
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
