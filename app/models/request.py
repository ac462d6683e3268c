"""依申请公开 cases: applicants, events, letters, remedies, template versions, number counters (issue 6)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TimestampMixin
from app.models.versioning import VersionedMixin


class Applicant(TimestampMixin, Base):
    """A person or organisation; a returning applicant is found by 证件号码 (fees count per applicant)."""

    __tablename__ = "applicants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    applicant_type: Mapped[str] = mapped_column(String(20))  # one of the six table-三 columns
    id_type: Mapped[str] = mapped_column(String(30))
    id_number: Mapped[str] = mapped_column(String(40), index=True)
    contact: Mapped[str] = mapped_column(String(200))


class RequestCase(VersionedMixin, TimestampMixin, Base):
    __tablename__ = "request_cases"
    __table_args__ = (
        Index("ix_request_cases_status_due", "status", "due_on"),
        Index("ix_request_cases_year_seq", "year", "seq"),
        # Sort orders with the status the list filters on: a middle jump walks an index alone (0021).
        Index("ix_request_cases_list_number", "year", "seq", "id", "status"),
        *(
            Index(f"ix_request_cases_list_{column}", column, "id", "status")
            for column in ("received_on", "due_on", "applicant_name", "department")
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(60), unique=True)  # 受理编号
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicants.id"), index=True)
    applicant_type: Mapped[str] = mapped_column(String(20), index=True)
    applicant_name: Mapped[str] = mapped_column(String(100))
    id_type: Mapped[str] = mapped_column(String(30))
    id_number: Mapped[str] = mapped_column(String(40))
    contact: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)  # 名称、文号或特征性描述 (art. 29 (二))
    form_requested: Mapped[str] = mapped_column(String(200))  # 形式要求、获取方式和途径 (art. 29 (三))
    channel: Mapped[str] = mapped_column(String(10))
    arrived_at: Mapped[dt.datetime] = mapped_column(DateTime)
    received_on: Mapped[dt.date | None] = mapped_column(Date)  # 收到申请之日 (art. 31)
    status: Mapped[str] = mapped_column(String(10), index=True)
    department: Mapped[str] = mapped_column(String(60), default="")  # 承办科室
    internal_due: Mapped[dt.date | None] = mapped_column(Date)
    due_on: Mapped[dt.date | None] = mapped_column(Date)  # cached answer deadline
    due_problem: Mapped[str] = mapped_column(String(200), default="")  # a deadline that cannot be computed
    # Years without a loaded notice that `due_on` assumed (「2027」, comma-separated): a 暂定 date (issue 18).
    due_assumed: Mapped[str] = mapped_column(String(40), default="", server_default="")
    outcome: Mapped[str | None] = mapped_column(String(10), index=True)  # R3.1 … R3.6.3
    outcome_basis: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[dt.date | None] = mapped_column(Date, index=True)  # 答复/处理之日 (table 三 year)
    source_row: Mapped[str] = mapped_column(String(40), default="")  # 「导入第12行」 for imported cases


class RequestEvent(Base):
    """One step on a case's timeline: `on_date` is the legal date, `recorded_at` when it was entered."""

    __tablename__ = "request_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("request_cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    on_date: Mapped[dt.date] = mapped_column(Date)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    username: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(50))
    data_json: Mapped[str] = mapped_column(Text, default="{}")
    note: Mapped[str] = mapped_column(Text, default="")


class RequestLetter(Base):
    """An issued letter; its 文号 comes from a per-year counter and is never reused."""

    __tablename__ = "request_letters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("request_cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    number: Mapped[str] = mapped_column(String(60), unique=True)
    issued_on: Mapped[dt.date] = mapped_column(Date)
    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachments.id"))
    template_version: Mapped[int] = mapped_column(Integer, default=0)  # 0 = the bundled template
    issued_by: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # 作废 (issue 21): issued by mistake; it stays listed with the reason and its 文号 is never reused.
    voided_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    void_reason: Mapped[str] = mapped_column(Text, default="")


class RequestRemedy(TimestampMixin, Base):
    """行政复议 / 行政诉讼 against a case (annual report table 四)."""

    __tablename__ = "request_remedies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("request_cases.id"), index=True)
    stage: Mapped[str] = mapped_column(String(20))  # 复议 / 未经复议直接起诉 / 复议后起诉
    filed_on: Mapped[dt.date] = mapped_column(Date)
    body: Mapped[str] = mapped_column(String(100))  # 复议机关 or 法院
    result: Mapped[str] = mapped_column(String(10))  # 维持 / 纠正 / 其他 / 尚未审结
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class LetterTemplateVersion(Base):
    """The office's own wording of a letter; the newest version wins, older ones stay for the record."""

    __tablename__ = "letter_template_versions"
    __table_args__ = (UniqueConstraint("kind", "version", name="uq_letter_template_versions_kind_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    saved_by: Mapped[str] = mapped_column(String(64))
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime)


class NumberCounter(Base):
    """Last number issued per (scope, year): 受理编号 and 文号 never repeat even if a row is removed."""

    __tablename__ = "request_counters"

    scope: Mapped[str] = mapped_column(String(20), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer, default=0)


class RequestPaper(TimestampMixin, Base):
    """A paper of the case file (案卷, issue 22): a scan, photo or record of what came in or went out on
    paper; voided with a reason instead of deleted, like letters."""

    __tablename__ = "request_papers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("request_cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # 申请书 / 补正材料 / … (casefile/papers.py PaperKind)
    on_date: Mapped[dt.date] = mapped_column(Date)  # the date on the paper (收到、寄出、签收)
    mail_number: Mapped[str] = mapped_column(String(40), default="")  # EMS / 挂号 number
    signed_on: Mapped[dt.date | None] = mapped_column(Date)  # 签收日期 of a mailing or a 送达回证
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id"))
    added_by: Mapped[str] = mapped_column(String(64))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="", server_default="")  # OCR of the scan, for search
    voided_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    void_reason: Mapped[str] = mapped_column(Text, default="")
