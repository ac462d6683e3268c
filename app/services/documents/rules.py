"""Register rules as data and pure functions: 公开属性, 不公开依据, 有效性, 公开方式, 索引号, timers."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from app.errors import UserFacingError
from app.services.formats.doc_numbers import normalize_doc_number
from app.services.workdays.calendar import WorkCalendar

PROACTIVE, ON_REQUEST, WITHHELD = "主动公开", "依申请公开", "不予公开"
DISCLOSURES = (PROACTIVE, ON_REQUEST, WITHHELD)
# 条例 arts. 14, 15, 16¶1, 16¶2: the only legal bases for not publishing (RULES §1.2).
BASES = ("第十四条", "第十五条", "第十六条第一款", "第十六条第二款")
BASIS_LABELS = {
    "第十四条": "第十四条（国家秘密、法律法规禁止公开、危及“三安全一稳定”）",
    "第十五条": "第十五条（商业秘密、个人隐私等第三方合法权益）",
    "第十六条第一款": "第十六条第一款（内部事务信息）",
    "第十六条第二款": "第十六条第二款（过程性信息、行政执法案卷）",
}
VALID, REPEALED, EXPIRED = "有效", "废止", "失效"
VALIDITIES = (VALID, REPEALED, EXPIRED)
CHANNELS = ("政府网站", "政务新媒体", "政府公报", "公开栏", "查阅点", "便民服务站", "其他")
# 附注 printed on the document (RULES §5.3, §10 rule 31).
NOTES = {PROACTIVE: "（此件公开发布）", ON_REQUEST: "（此件依申请公开）", WITHHELD: "（此件不予公开）"}
MAX_TITLE, MAX_PUBLISHER, MAX_REASON, MAX_TOPIC = 500, 100, 2000, 100
MAX_ISSUER, MAX_ADDRESSEE = 100, 300  # 发文机关, 主送: the columns' lengths
MAX_LIMIT_DAYS = 20  # 条例 art. 26: a per-item limit may be shorter, never longer
PERIODIC_REVIEW_MONTHS = 12  # RULES §1.3 / sample work plans: 依申请公开/不予公开 reviewed each year
_SEQ = re.compile(r"\{seq(?::0(\d))?\}")


@dataclass(frozen=True)
class DocumentInput:
    """What the editor dialog (or an import row) supplies; validated by `validate_input`."""

    title: str
    publisher: str
    disclosure: str = PROACTIVE
    doc_number: str = ""
    written_on: date | None = None
    changed_on: date | None = None
    withhold_reason: str = ""
    withhold_basis: str = ""
    topic: str = ""
    genre: str = ""
    normative: bool = False
    validity: str = VALID
    validity_date: date | None = None
    channels: tuple[str, ...] = ()
    interprets_id: int | None = None
    publish_limit_days: int | None = None
    issuer: str = ""  # 发文机关 as on the 红头 (may differ from the 发布机构)
    addressee: str = ""  # 主送机关


def _bounded(value: str, limit: int, label: str) -> str:
    clean = " ".join(value.split())
    if len(clean) > limit:
        raise UserFacingError(f"{label}太长（{len(clean)} 个字），请控制在 {limit} 个字以内。")
    return clean


def validate_input(value: DocumentInput, today: date) -> DocumentInput:
    title = _bounded(value.title, MAX_TITLE, "标题")
    if not title:
        raise UserFacingError("请填写标题。")
    publisher = _bounded(value.publisher, MAX_PUBLISHER, "发布机构")
    if not publisher:
        raise UserFacingError("请填写发布机构，例如「××镇人民政府」。")
    if value.disclosure not in DISCLOSURES:
        raise UserFacingError(f"公开属性「{value.disclosure}」无效，应为：{'、'.join(DISCLOSURES)}。")
    reason = value.withhold_reason.strip()
    if len(reason) > MAX_REASON:
        raise UserFacingError(f"不公开理由请控制在 {MAX_REASON} 个字以内。")
    basis = value.withhold_basis.strip()
    if value.disclosure != PROACTIVE:
        if not reason:
            raise UserFacingError(f"公开属性为「{value.disclosure}」时，请填写理由（条例第十四至十六条）。")
        if basis not in BASES:
            raise UserFacingError(f"公开属性为「{value.disclosure}」时，请选择依据：{'、'.join(BASES)}。")
    else:
        reason, basis = "", ""
    if value.written_on and value.written_on > today:
        raise UserFacingError("成文日期不能晚于今天。")
    if value.changed_on and value.written_on and value.changed_on < value.written_on:
        raise UserFacingError("变更日期不能早于成文日期。")
    if value.validity not in VALIDITIES:
        raise UserFacingError(f"有效性应为：{'、'.join(VALIDITIES)}。")
    if value.validity != VALID and value.validity_date is None:
        raise UserFacingError(f"有效性为「{value.validity}」时，请填写{value.validity}日期。")
    unknown = [channel for channel in value.channels if channel not in CHANNELS]
    if unknown:
        raise UserFacingError(f"未知的公开方式：{'、'.join(unknown)}。")
    limit = value.publish_limit_days
    if limit is not None and not 1 <= limit <= MAX_LIMIT_DAYS:
        raise UserFacingError(f"公开时限应为 1～{MAX_LIMIT_DAYS} 个工作日（条例第二十六条）。")
    return replace(
        value,
        title=title,
        publisher=publisher,
        doc_number=normalize_doc_number(value.doc_number),
        withhold_reason=reason,
        withhold_basis=basis,
        topic=_bounded(value.topic, MAX_TOPIC, "主题分类"),
        issuer=_bounded(value.issuer, MAX_ISSUER, "发文机关"),
        addressee=_bounded(value.addressee, MAX_ADDRESSEE, "主送"),
        genre=value.genre.strip(),
        validity_date=value.validity_date if value.validity != VALID else None,
        channels=tuple(channel for channel in CHANNELS if channel in value.channels),
    )


def check_template(template: str) -> None:
    if len(_SEQ.findall(template)) != 1:
        raise UserFacingError(
            "索引号模板必须包含一处流水号 {seq} 或 {seq:05}，例如「{机构代码}/{YYYY}-{seq:05}」。"
        )
    leftover = _SEQ.sub("", template).replace("{机构代码}", "").replace("{YYYY}", "")
    if "{" in leftover or "}" in leftover:
        raise UserFacingError("索引号模板只能使用 {机构代码}、{YYYY} 和 {seq:05}。")


def render_index(template: str, org_code: str, year: int, seq: int) -> str:
    """「11320000TEST0001X/2025-00001」 from the default template."""
    check_template(template)
    code = org_code.replace("-", "").upper()

    def sequence(match: re.Match[str]) -> str:
        width = int(match.group(1) or 0)
        return str(seq).zfill(width)

    return _SEQ.sub(sequence, template).replace("{机构代码}", code).replace("{YYYY}", str(year))


def index_scope(org_code: str, year: int) -> str:
    """The counter a new 索引号 draws from: one sequence per agency per year (RULES §7.3)."""
    return f"{org_code.replace('-', '').upper()}/{year}"


def publish_due(
    calendar: WorkCalendar, written_on: date | None, changed_on: date | None, limit_days: int
) -> date | None:
    """主动公开 deadline: `limit_days` working days after 形成或者变更 (条例第二十六条)."""
    start = max(day for day in (written_on, changed_on) if day) if (written_on or changed_on) else None
    return calendar.nth_working_day_after(start, limit_days) if start else None


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)  # unreachable: 28 exists in every month
