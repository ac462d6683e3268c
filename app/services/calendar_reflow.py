"""After the holiday calendar changes, every open request's deadline is recomputed and the clerk told."""

from __future__ import annotations

from app.services.context import AppContext
from app.services.formats import cn_date
from app.services.permissions import Actor

SHOWN = 20  # list at most this many cases in the message; the audit log has every one


def reflow_requests(ctx: AppContext, actor: Actor) -> str | None:
    moved = ctx.requests.reflow_after_calendar_change(actor)
    if not moved:
        return None
    lines = []
    for case in moved[:SHOWN]:
        old = cn_date(case.old_due) if case.old_due else "无"
        new = cn_date(case.new_due) if case.new_due else (case.problem or "无")
        lines.append(f"{case.number}：{old} → {new}")
    more = f"\n……另有 {len(moved) - SHOWN} 件，详见操作日志。" if len(moved) > SHOWN else ""
    return f"{len(moved)} 件申请的答复期限已按新的放假安排重新计算：\n" + "\n".join(lines) + more
