"""工作台 statistics of a year: requests, outcomes, timeliness, applicants, publication, topics (issue 9).

Pure computation over the registers; the charts (app/ui/widgets/stat_charts.py) only draw these numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.document import Document
from app.models.request import RequestCase
from app.services.common import SessionFactory
from app.services.formats.xlsx import write_rows
from app.services.report.collect import PROACTIVE, counted_case, received_day
from app.services.report.tables import APPLICANT_TYPES
from app.services.report.timeliness import NONE_COUNTED, year_timeliness
from app.services.requests.deadlines import DeadlinePolicy
from app.services.workdays.calendar import WorkCalendar

MONTHS = tuple(f"{month}月" for month in range(1, 13))
OUTCOME_GROUPS = (  # table 三's groups, keyed by the outcome key's prefix
    ("R3.1", "予以公开"),
    ("R3.2", "部分公开"),
    ("R3.3", "不予公开"),
    ("R3.4", "无法提供"),
    ("R3.5", "不予处理"),
    ("R3.6", "其他处理"),
)
TOPIC_COUNT = 10
DEFAULT_POLICY = DeadlinePolicy()
DESCRIPTION_CHARS = 300  # the first lines name the information; long pastes add only noise
HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
STOP_CHARS = set("的了和与及或等在对为是我其该此之以第件份")  # function characters never make a topic
STOP_WORDS = {
    "关于", "申请", "公开", "政府", "府信", "信息", "提供", "本镇", "要求", "请求", "情况", "相关",
    "有关", "具体", "文件", "资料", "材料", "内容", "年度", "全部", "镇政", "人民",
}  # fmt: skip


@dataclass(frozen=True)
class YearStatistics:
    year: int
    requests_per_month: tuple[int, ...]  # received (收到申请之日), 12 months
    outcome_groups: tuple[tuple[str, int], ...]  # closed in the year, by table-三 group
    answered: int  # closed in the year with a started answer period (report/timeliness.py)
    on_time: int
    average_working_days: float | None  # counted as the deadline is: the annual report's own figure
    applicant_types: tuple[tuple[str, int], ...]  # received in the year
    documents_by_channel: tuple[tuple[str, tuple[int, ...]], ...]  # 公开方式 → 12 months
    topics: tuple[tuple[str, int], ...]  # frequent two-character terms in request descriptions

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.answered if self.answered else None

    @property
    def received(self) -> int:
        return sum(self.requests_per_month)


def topic_terms(descriptions: list[str], limit: int = TOPIC_COUNT, ignore: str = "") -> list[tuple[str, int]]:
    """Two-character terms by how many descriptions contain them (simple bigrams, small stop list).

    `ignore`: text whose terms say nothing, such as the office's own name (赵巷镇 → 赵巷, 巷镇).
    """
    stop = STOP_WORDS | {ignore[i : i + 2] for i in range(len(ignore) - 1)}
    counts = Counter[str]()
    for text in descriptions:
        terms = set()
        for run in HAN_RUN.findall(text[:DESCRIPTION_CHARS]):
            for i in range(len(run) - 1):
                pair = run[i : i + 2]
                if not (STOP_CHARS & set(pair)) and pair not in stop:
                    terms.add(pair)
        counts.update(terms)
    return [(term, n) for term, n in counts.most_common(limit) if n > 1]


def _group(outcome: str | None) -> str | None:
    for prefix, name in OUTCOME_GROUPS:
        if outcome == prefix or (outcome or "").startswith(prefix + "."):
            return name
    return None


def year_statistics(
    sessions: SessionFactory,
    calendar: WorkCalendar | None,
    year: int,
    office: str = "",
    policy: DeadlinePolicy = DEFAULT_POLICY,
) -> YearStatistics:
    first, last = date(year, 1, 1), date(year, 12, 31)
    received = received_day()
    live = counted_case()  # a case voided as registered by mistake is not counted (issue 21)
    in_year = received.between(first, last) & live
    month = extract("month", received)  # SQLite and PostgreSQL alike (strftime is SQLite only)
    with sessions() as session:
        months = [0] * 12
        for number, count in session.execute(select(month, func.count()).where(in_year).group_by(month)):
            months[int(number) - 1] = count
        kind = RequestCase.applicant_type
        kinds = dict(session.execute(select(kind, func.count()).where(in_year).group_by(kind)).all())
        groups = Counter[str]()
        closed = RequestCase.closed_on.between(first, last) & live
        query = select(RequestCase.outcome, func.count()).where(closed).group_by(RequestCase.outcome)
        for outcome, count in session.execute(query):
            name = _group(outcome)
            if name:
                groups[name] += count
        timely = year_timeliness(session, year, calendar, policy) if calendar else NONE_COUNTED
        text = func.substr(RequestCase.description, 1, DESCRIPTION_CHARS)
        descriptions = list(session.scalars(select(text).where(in_year)))
        channels = _documents_by_channel(session, year)
    return YearStatistics(
        year=year,
        requests_per_month=tuple(months),
        outcome_groups=tuple((name, groups[name]) for _, name in OUTCOME_GROUPS),
        answered=timely.counted,
        on_time=timely.on_time,
        average_working_days=timely.average_working_days,
        applicant_types=tuple((kind, int(kinds.get(kind, 0))) for kind in APPLICANT_TYPES),
        documents_by_channel=channels,
        topics=tuple(topic_terms(descriptions, ignore=office)),
    )


def _documents_by_channel(session: Session, year: int) -> tuple[tuple[str, tuple[int, ...]], ...]:
    start, end = datetime(year, 1, 1), datetime.combine(date(year, 12, 31), time.max)
    per: dict[str, list[int]] = {}
    query = select(Document.published_at, Document.channels).where(
        Document.disclosure == PROACTIVE,
        Document.published_at.between(start, end),
        Document.voided_at.is_(None),
    )
    for at, text in session.execute(query):
        if at is None:
            continue
        for channel in [part for part in text.split("、") if part] or ["未填写公开方式"]:
            per.setdefault(channel, [0] * 12)[at.month - 1] += 1
    ordered = sorted(per.items(), key=lambda item: -sum(item[1]))
    return tuple((name, tuple(counts)) for name, counts in ordered)


def chart_table(stats: YearStatistics, key: str) -> tuple[str, list[str], list[list[str]]]:
    """A chart's figures as (sheet title, headers, rows) for the .xlsx export."""
    if key == "months":
        return (
            "每月收到申请",
            ["月份", "申请数"],
            [[m, str(n)] for m, n in zip(MONTHS, stats.requests_per_month, strict=True)],
        )
    if key == "outcomes":
        return "办理结果", ["办理结果", "件数"], [[name, str(n)] for name, n in stats.outcome_groups]
    if key == "timeliness":
        rate = f"{stats.on_time_rate:.1%}" if stats.on_time_rate is not None else "—"
        average = f"{stats.average_working_days:.1f}" if stats.average_working_days is not None else "—"
        return (
            "按期答复",
            ["项目", "数值"],
            [
                ["办结件数", str(stats.answered)],
                ["按期办结", str(stats.on_time)],
                ["按期率", rate],
                ["平均用时（工作日）", average],
            ],
        )
    if key == "applicants":
        return "申请人类型", ["申请人类型", "件数"], [[kind, str(n)] for kind, n in stats.applicant_types]
    if key == "documents":
        names = [name for name, _ in stats.documents_by_channel]
        rows = [
            [m, *(str(counts[i]) for _, counts in stats.documents_by_channel)] for i, m in enumerate(MONTHS)
        ]
        return "每月主动公开", ["月份", *names], rows
    if key == "topics":
        return "申请热点", ["词语", "涉及申请数"], [[term, str(n)] for term, n in stats.topics]
    raise UserFacingError(f"没有名为「{key}」的统计图。")


def export_chart_xlsx(stats: YearStatistics, key: str, path: Path) -> Path:
    title, headers, rows = chart_table(stats, key)
    write_rows(
        path, f"{stats.year}年{title}"[:31], headers, rows, widths=[18] * len(headers), total=len(rows)
    )
    return path
