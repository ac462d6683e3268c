"""工作台 alert for the automatic backup: its folder cannot be reached, or it has not run for a week."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.services.alerts import Alert, Urgency
from app.services.permissions import Actor, Role
from app.services.settings import registry
from app.services.storage.auto_backup import list_generations

if TYPE_CHECKING:
    from app.services.context import AppContext

STALE_DAYS = 7  # a week without a generation means backups silently stopped (USB stick left out, …)
PAGE = "settings"
ENTITY = "自动备份"


def reachable(folder: Path) -> bool:
    """The folder exists and we may write there (an unplugged USB stick or a lost share fails)."""
    try:
        return folder.is_dir() and os.access(folder, os.W_OK)
    except OSError:
        return False


def auto_backup_alerts(ctx: AppContext, today: date, actor: Actor) -> list[Alert]:
    configured = ctx.settings.read(registry.BACKUP_FOLDER)
    if configured and not reachable(Path(configured)):
        return [
            Alert(
                Urgency.DUE_SOON,
                "自动备份文件夹无法访问",
                f"自动备份文件夹「{configured}」现在打不开（U 盘是否已插好？网络盘是否已连接？），"
                "退出时无法自动备份。请插好 U 盘，或在「设置」中改选备份文件夹。",
                PAGE,
                ENTITY,
            )
        ]
    generations = list_generations(ctx.auto_backups.root())
    if not generations:
        return []  # never backed up yet: the 「请备份数据」 reminder already says so
    last = generations[0].created_at.date()
    days = (today - last).days
    if days < STALE_DAYS:
        return []
    return [
        Alert(
            Urgency.REMINDER,
            f"已有 {days} 天没有自动备份",
            f"最近一次自动备份在 {last.isoformat()}。正常情况下每天退出软件时会自动备份一次；"
            "请确认每天是正常退出软件的，或"
            + ("用" if Role.ADMIN in actor.roles else "请管理员用")  # backups are for 管理员 (issue 19)
            + "「文件 → 备份数据…」手动备份一次。",
            PAGE,
            ENTITY,
            due=last,
        )
    ]
