"""What the decision process panel shows: each stage's state and colour, its detail text, the missing line."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor

from app.models.decision import Stage
from app.services.decisions.record import ProcessRecord, StageView
from app.services.decisions.stages import STAGE_FIELDS

MISSING_COLOR = QColor("#b3261e")
DONE_COLOR = QColor("#1e6b35")
PENDING_COLOR = QColor("#8a5a00")


def stage_state(view: StageView, missing: tuple[Stage, ...]) -> tuple[str, QColor | None]:
    """已完成; 缺少 (blocks publication); 待办 (a required later step, e.g. 决策公布); — (optional)."""
    if view.done:
        return "已完成", DONE_COLOR
    if view.stage in missing:
        return "缺少", MISSING_COLOR
    return ("待办", PENDING_COLOR) if view.required else ("—", None)


def missing_line(record: ProcessRecord) -> tuple[str, QColor]:
    """The line under the title: what is still missing, or that the required stages are complete."""
    if record.missing:
        return f"尚缺必经环节：{record.missing_text()}", MISSING_COLOR
    done = "决策已公布，必经环节齐全。" if record.published else "必经环节齐全，可以登记决策公布。"
    return done, DONE_COLOR


def stage_cells(view: StageView) -> tuple[str, str, str]:
    """The 环节, 要求 and 日期 columns; the 情况 column comes from stage_state and the view's note."""
    done_on = view.info.record.done_on if view.info else None
    return view.stage.value, "必经" if view.required else "可选", done_on.isoformat() if done_on else ""


def stage_detail(view: StageView) -> str:
    stage = view.stage
    if view.info is None:
        need = "必经环节，尚未登记。" if view.required else "本事项的履行程序不要求此环节，可按需登记。"
        return f"{stage.value}：{need}\n双击或点击「登记/修改此环节…」填写。"
    lines = [f"{stage.value}（登记人：{view.info.recorded_by}）"]
    for name, label in STAGE_FIELDS[stage]:
        value = getattr(view.info.record, name)
        shown = value.isoformat() if isinstance(value, date) else value
        if shown not in (None, ""):
            lines.append(f"{label}：{shown}")
    if view.info.attachments:
        lines.append("附件：" + "、".join(a.name for a in view.info.attachments))
    return "\n".join(lines)
