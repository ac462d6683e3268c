"""年度报告: figures entered by the clerk, narratives, and locked (published) years (issue 9)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TimestampMixin


class AnnualReport(TimestampMixin, Base):
    """One report year. Counted figures are never stored, except the snapshot taken at publication."""

    __tablename__ = "annual_reports"
    __table_args__ = (CheckConstraint("status IN ('编制中', '已公布')", name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    # Table 二 figures the register cannot count (第二十条第（一）（五）（六）（八）项 of the format)
    regulations_made: Mapped[int] = mapped_column(Integer, default=0)
    regulations_repealed: Mapped[int] = mapped_column(Integer, default=0)
    regulations_in_force: Mapped[int] = mapped_column(Integer, default=0)
    permits: Mapped[int] = mapped_column(Integer, default=0)
    penalties: Mapped[int] = mapped_column(Integer, default=0)
    coercions: Mapped[int] = mapped_column(Integer, default=0)
    fees_wan_yuan: Mapped[str] = mapped_column(String(20), default="0")  # decimal text: SQLite has no DECIMAL
    # 四 of last year's paper report (7 numbers as JSON), for the 二 = 四 check when that year is not here.
    prior_carryover_json: Mapped[str] = mapped_column(Text, default="")
    narrative_general: Mapped[str] = mapped_column(Text, default="")  # 一、总体情况 ("" = pre-filled text)
    narrative_problems: Mapped[str] = mapped_column(Text, default="")  # 五、存在的主要问题及改进情况
    narrative_other: Mapped[str] = mapped_column(Text, default="")  # 六、其他需要报告的事项
    status: Mapped[str] = mapped_column(String(4), default="编制中")
    published_on: Mapped[dt.date | None] = mapped_column(Date)
    published_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    snapshot_json: Mapped[str] = mapped_column(Text, default="")  # every number as published
