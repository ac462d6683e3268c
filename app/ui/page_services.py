"""What a page, and every dialog or panel it opens, works with: the data, the task runner, the account."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.services.context import AppContext
from app.services.permissions import Actor
from app.ui.tasks import TaskRunner


@dataclass
class PageServices:
    ctx: AppContext
    runner: TaskRunner
    actor: Actor
    open_page: Callable[[str], object] = lambda _key: None  # navigate, e.g. from a log entry to its page
