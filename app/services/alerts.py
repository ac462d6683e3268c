"""What needs the clerk now: each feature's service returns these for the 工作台."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum


class Urgency(IntEnum):
    """Sort order on the 工作台: most urgent first."""

    OVERDUE = 0  # 已逾期 (red)
    DUE_SOON = 1  # 即将到期 (amber)
    WAITING = 2  # waiting for a sign-off or an action
    REMINDER = 3  # yearly deadlines and notices


@dataclass(frozen=True)
class Alert:
    urgency: Urgency
    title: str  # one line, e.g. 「赵府依〔2025〕3号 答复期限还剩 2 个工作日」
    detail: str
    page: str  # navigation key of the page that opens it, e.g. "requests"
    entity: str = ""
    entity_id: str = ""
    due: date | None = None
