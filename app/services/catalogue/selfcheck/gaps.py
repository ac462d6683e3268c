"""What is wrong with one compliance row, and what the clerk should do about it (the 整改建议 as data)."""

from __future__ import annotations

from app.services.catalogue.types import ComplianceRow, RuleKind, Status
from app.services.formats.chinese import cn_date

# 整改建议: fixed wordings, so the report, the sheet and the tests say the same thing.
PUBLISH_ON_WEBSITE = "尽快在政府网站公开并补记"
PUBLISH_ON_BOARD = "补充在村（居）公示栏公示并拍照留存"
SET_DUE_DATE = "设定公开期限"
PUBLISH_LONG_TERM = "尽快公开并登记公开情况"
ADD_TO_PACKAGE = "补充在政府网站公开（纳入上报数据包）"
ADD_OTHER_CHANNEL = "补充在{channels}公开并登记佐证"
PUBLISH_ON_CHANNELS = "尽快在{channels}公开并补记"
VILLAGE_TO_POST = "督促{village}尽快在公示栏公示并拍照留存"
LEARN_FROM_LATE = "分析逾期原因，今后在期限内公开"
CHECK_UNREGISTERED = "核实本年度是否产生相关信息，如有，登记并关联到本事项"

# Statuses that are problems, most urgent first (the 问题清单's order within one 一级事项).
GAP_ORDER = (Status.OVERDUE, Status.CHANNEL_GAP, Status.UNDATED, Status.LATE)


def is_website(channel: str) -> bool:
    return "网站" in channel


def is_board(channel: str) -> bool:
    return "公示栏" in channel or "公开栏" in channel or "电子屏" in channel


def occasion(row: ComplianceRow) -> str:
    """期间/信息: the period of a periodic item, or the linked information; the village first for 村级."""
    what = row.period_label or row.source_title or (f"{cn_date(row.formed_on)}形成" if row.formed_on else "")
    return "：".join(part for part in (row.village, what) if part)


def problem(row: ComplianceRow, kind: RuleKind | None = None) -> str:
    """The finding in a sentence a 联络员 would write in a 自查 list."""
    due = cn_date(row.due) + ("（暂定）" if row.due_provisional else "") if row.due else ""
    if row.status is Status.OVERDUE:
        return f"应于{due}前公开，尚未公开，已逾期{row.days_late}个工作日"
    if row.status is Status.LATE:
        published = cn_date(row.published_on) if row.published_on else "期限后"
        return f"应于{due}前公开，{published}公开，逾期{row.days_late}个工作日"
    if row.status is Status.CHANNEL_GAP:
        return f"已公开，未在{'、'.join(row.missing_channels) or '全部规定渠道'}公开"
    if row.status is Status.UNDATED:
        if kind is RuleKind.NONE:
            return "长期公开事项，尚未公开"
        return "公开时限需人工确定，尚未设定公开期限"
    return ""


def remedy(row: ComplianceRow, kind: RuleKind | None = None) -> str:
    """The 整改建议 for one gap: one or more of the fixed wordings above, joined by 「；」."""
    if row.status is Status.OVERDUE:
        return _publish_now(row)
    if row.status is Status.LATE:
        return LEARN_FROM_LATE
    if row.status is Status.CHANNEL_GAP:
        return "；".join(_add_channels(row.missing_channels))
    if row.status is Status.UNDATED:
        return PUBLISH_LONG_TERM if kind is RuleKind.NONE else SET_DUE_DATE
    return ""


def _publish_now(row: ComplianceRow) -> str:
    if row.village:
        return VILLAGE_TO_POST.format(village=row.village)
    channels = row.missing_channels or row.channels_required
    if not channels or all(is_website(channel) for channel in channels):
        return PUBLISH_ON_WEBSITE
    if all(is_board(channel) for channel in channels):
        return PUBLISH_ON_BOARD
    return PUBLISH_ON_CHANNELS.format(channels="、".join(channels))


def _add_channels(missing: tuple[str, ...]) -> list[str]:
    steps: list[str] = []
    if any(is_website(channel) for channel in missing):
        steps.append(ADD_TO_PACKAGE)
    if any(is_board(channel) for channel in missing):
        steps.append(PUBLISH_ON_BOARD)
    others = [channel for channel in missing if not is_website(channel) and not is_board(channel)]
    if others or not steps:
        steps.append(ADD_OTHER_CHANNEL.format(channels="、".join(others) or "规定渠道"))
    return steps
