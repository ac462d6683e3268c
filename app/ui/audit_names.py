"""Who an audit entry names, as the clerk reads it: the program's own actors in Chinese, accounts as they are.

The log itself is never rewritten (its entries are chained by hash), so the names are translated on display.
"""

from __future__ import annotations

from app.services.permissions import COMMAND_LINE, SYSTEM

BUILT_IN_USERS = {
    SYSTEM.username: "系统",  # the program itself: upgrades, seeding, automatic backups
    "cli": f"{COMMAND_LINE}（旧版本）",  # what older versions wrote for the command line
    "demo-leader": "张镇长（示例数据）",  # the demo's leader who signs its review sheets
}


class UserNames:
    """Accounts by the name people know them by (李明), the program's own actors in Chinese; a user name
    that is no longer an account is shown as it was logged."""

    def __init__(self, accounts: dict[str, str] | None = None) -> None:
        self._accounts = accounts or {}  # user name → display name

    def short(self, username: str) -> str:
        """For the table column: 李明, 系统."""
        return BUILT_IN_USERS.get(username) or self._accounts.get(username) or username

    def full(self, username: str) -> str:
        """For the filter and the detail, where two people may share a name: 李明（admin）."""
        shown = self.short(username)
        return f"{shown}（{username}）" if username in self._accounts and shown != username else shown
