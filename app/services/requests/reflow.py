"""After the holiday calendar changes, every open request's deadline is recomputed and the clerk told."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.services.formats.chinese import cn_date
from app.services.permissions import Actor

if TYPE_CHECKING:
    from app.services.requests.service import RequestService

SHOWN = 20  # list at most this many cases in the message; the audit log has every one


def reflow_requests(requests: RequestService, actor: Actor) -> str | None:
    """Recompute, then say which dates moved (old → new) and how many 暂定 dates were confirmed."""
    changed = requests.reflow_after_calendar_change(actor)
    moved = [case for case in changed if case.moved]
    confirmed = [case for case in changed if not case.moved and case.was_provisional]
    if not moved and not confirmed:
        return None
    lines = []
    for case in moved[:SHOWN]:
        old = cn_date(case.old_due) if case.old_due else "无"
        new = cn_date(case.new_due) if case.new_due else (case.problem or "无")
        still = "（仍为暂定）" if case.provisional_years else ""
        lines.append(f"{case.number}：{old} → {new}{still}")
    more = f"\n……另有 {len(moved) - SHOWN} 件，详见操作日志。" if len(moved) > SHOWN else ""
    parts = []
    if moved:
        parts.append(f"{len(moved)} 件申请的答复期限已按新的放假安排重新计算：\n" + "\n".join(lines) + more)
    if confirmed:
        parts.append(f"{len(confirmed)} 件申请的暂定答复期限经核对没有变化，已去掉「暂定」标记。")
    return "\n\n".join(parts)
