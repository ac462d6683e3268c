"""Every letter of a case as an official .docx (GB/T 9704), from editable templates; 文号 never reused."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from app.errors import UserFacingError
from app.models.request import LetterTemplateVersion, RequestCase, RequestLetter
from app.services.audit.chain import Action, record
from app.services.common import SessionFactory, clock_for
from app.services.formats.chinese import cn_date, doc_number
from app.services.permissions import Actor, Perm, require
from app.services.requests.core import (
    MISSING_CASE,
    add_event,
    deadline_policy,
    letters_of,
    next_counter,
    to_detail,
)
from app.services.requests.letters.templates import (
    BLANK,
    PLACEHOLDERS,
    LetterTemplate,
    bundled_text,
    parse_template,
    quote,
    render,
)
from app.services.requests.outcomes import BY_KEY, remedy_sentence
from app.services.requests.types import CaseDetail, CaseStatus, EventKind, LetterKind, LetterView
from app.services.settings import registry
from app.services.settings.service import SettingsService
from app.services.storage.attachments import AttachmentStore
from app.services.workdays.provisional import PROVISIONAL_LABEL, provisional_note
from app.services.workdays.service import CalendarService

LETTER_SCOPE = "文书"
TEMPLATE_ENTITY = "文书模板"


class LetterService:
    def __init__(
        self,
        sessions: SessionFactory,
        settings: SettingsService,
        calendar: CalendarService,
        attachments: AttachmentStore,
    ) -> None:
        self._sessions, self._settings, self._calendar, self._attachments = (
            sessions,
            settings,
            calendar,
            attachments,
        )
        self._clock = clock_for(sessions)

    # ---- templates (设置 → 文书模板; versioned and audited) ---------------------------------------------

    def template(self, kind: str) -> LetterTemplate:
        text, version = self.template_text(kind)
        return parse_template(kind, text, version)

    def template_text(self, kind: str) -> tuple[str, int]:
        with self._sessions() as session:
            row = session.scalars(
                select(LetterTemplateVersion)
                .where(LetterTemplateVersion.kind == kind)
                .order_by(LetterTemplateVersion.version.desc())
            ).first()
            if row is not None:
                return row.text, row.version
        return bundled_text(kind), 0

    def save_template(self, actor: Actor, kind: str, text: str) -> int:
        """A new version of the office's wording; returns its number. Earlier versions are kept."""
        require(actor, Perm.EDIT_TEMPLATES)
        if kind not in set(LetterKind):
            raise UserFacingError(f"未知的文书种类「{kind[:20]}」。")
        parse_template(kind, text)
        old, _ = self.template_text(kind)
        with self._sessions.begin() as session:
            last = session.scalar(
                select(func.max(LetterTemplateVersion.version)).where(LetterTemplateVersion.kind == kind)
            )
            version = (last or 0) + 1
            session.add(
                LetterTemplateVersion(
                    kind=kind, version=version, text=text, saved_by=actor.username, saved_at=self._clock.now()
                )
            )
            record(session, actor, Action.UPDATE, TEMPLATE_ENTITY, kind, {"模板": (old, text)}, 版本=version)
        return version

    def restore_bundled(self, actor: Actor, kind: str) -> int:
        return self.save_template(actor, kind, bundled_text(kind))

    # ---- issuing ----------------------------------------------------------------------------------------

    def why_not(self, detail: CaseDetail, kind: str) -> str:
        """Why this letter cannot be issued yet ("" when it can)."""
        needs = {
            LetterKind.CORRECTION: (EventKind.CORRECTION_NOTICE, "请先登记补正告知"),
            LetterKind.EXTENSION: (EventKind.EXTENSION, "请先登记延期"),
            LetterKind.THIRD_PARTY: (EventKind.THIRD_PARTY, "请先登记征求第三方意见"),
            LetterKind.AGENCY: (EventKind.AGENCY, "请先登记征求其他机关意见"),
            LetterKind.FEE: (EventKind.FEE_NOTICE, "请先登记收费通知"),
        }
        if detail.status in (CaseStatus.ARCHIVED, CaseStatus.VOIDED):  # issue 21: the file is closed
            return f"申请{detail.status}，不能再出具文书"
        if kind == LetterKind.RECEIPT and detail.received_on is None:
            return "收到申请之日尚未确认"
        if kind in needs and detail.last(needs[LetterKind(kind)][0]) is None:
            return needs[LetterKind(kind)][1]
        if kind in (LetterKind.ANSWER, LetterKind.SERVICE) and not detail.outcome:
            return "请先登记答复"
        if kind == LetterKind.SERVICE and not any(
            x.kind == LetterKind.ANSWER and not x.voided for x in detail.letters
        ):
            return "请先出具答复告知书"
        return ""

    def provisional_warning(self, case_id: int, kind: str, today: date | None = None) -> str:
        """What to tell the clerk before issuing a letter that would print a 暂定 date ("" if none)."""
        detail = self._detail(case_id, today or self._clock.today())
        result, template = detail.deadline, self.template(kind)
        if result is None:
            return ""
        text = "\n".join((template.title, template.addressee, *template.body))
        printed = {  # placeholder → the years its date assumed
            "答复期限": result.provisional_years,
            "延期后期限": result.provisional_years,
            "意见期限": result.reply_provisional_years,
            "缴费期限": result.fee_provisional_years,
        }
        found = [(name, years) for name, years in printed.items() if years and "{" + name + "}" in text]
        if not found:
            return ""
        names = "、".join(name for name, _ in found)
        years = sorted({year for _, assumed in found for year in assumed})
        return (
            f"这份{kind}写有{names}，该日期是{PROVISIONAL_LABEL}的：{provisional_note(years)}。"
            "通知公布后如期限改变，需要另行告知申请人。仍要出具吗？"
        )

    def issue(
        self,
        actor: Actor,
        case_id: int,
        kind: str,
        today: date | None = None,
        extra: dict[str, str] | None = None,
    ) -> LetterView:
        """Generate the letter, store it with the case, and record it on the timeline."""
        require(actor, Perm.REGISTER)
        day = today or self._clock.today()
        if kind not in set(LetterKind):
            raise UserFacingError(f"未知的文书种类「{kind[:20]}」。")
        detail = self._detail(case_id, day)
        reason = self.why_not(detail, kind)
        if reason:
            raise UserFacingError(f"暂不能出具{kind}：{reason}。")
        template = self.template(kind)
        code = self._settings.read(registry.LETTER_CODE)
        with self._sessions.begin() as session:  # the number is taken first: a failed render leaves a gap
            number = doc_number(code, day.year, next_counter(session, LETTER_SCOPE, day.year))
        values = self._values(detail, kind, day, extra or {})
        with tempfile.TemporaryDirectory() as work:
            path = Path(work) / "letter.docx"
            render(template, number, values, self._office_name(), day).save(path)
            stored = self._attachments.add_file(path, f"{detail.number} {kind} {number}.docx")
        with self._sessions.begin() as session:
            case = session.get(RequestCase, case_id)
            assert case is not None
            letter = RequestLetter(
                case_id=case_id,
                kind=kind,
                number=number,
                issued_on=day,
                attachment_id=stored.id,
                template_version=template.version,
                issued_by=actor.username,
                issued_at=self._clock.now().replace(microsecond=0),
            )
            session.add(letter)
            session.flush()
            add_event(session, case, actor, EventKind.LETTER, day, {"letter": kind, "number": number})
            return next(view for view in letters_of(session, case_id) if view.id == letter.id)

    def file_path(self, letter: LetterView) -> Path:
        return self._attachments.path_of(letter.sha256)

    def record_print(self, actor: Actor, letter_id: int) -> LetterView:
        """Printing an official letter is audited (who printed which 文号, when)."""
        with self._sessions.begin() as session:
            letter = session.get(RequestLetter, letter_id)
            if letter is None:
                raise UserFacingError("找不到这份文书。")
            case = session.get(RequestCase, letter.case_id)
            record(
                session,
                actor,
                Action.PRINT,
                "依申请公开文书",
                letter.number,
                受理编号=case.number if case else "",
            )
            return next(view for view in letters_of(session, letter.case_id) if view.id == letter_id)

    def _detail(self, case_id: int, today: date) -> CaseDetail:
        policy = deadline_policy(self._settings)
        with self._sessions() as session:
            case = session.get(RequestCase, case_id)
            if case is None:
                raise UserFacingError(MISSING_CASE)
            return to_detail(session, case, self._calendar.calendar(), policy, today)

    def _office_name(self) -> str:
        office = self._settings.office()
        return office.name if office else "（请在设置中填写单位名称）"

    def _values(self, detail: CaseDetail, kind: str, today: date, extra: dict[str, str]) -> dict[str, str]:
        office = self._settings.office()
        result = detail.deadline

        def day(value: date | None) -> str:
            return cn_date(value) if value else BLANK

        values = {
            "申请人": detail.applicant_name,
            "受理编号": detail.number,
            "收到申请日期": day(detail.received_on),
            "申请方式": detail.channel,
            "申请内容": quote(detail.description),
            "获取方式": detail.form_requested,
            "单位名称": office.name if office else BLANK,
            "联系电话": (office.phone if office else "") or BLANK,
            "答复期限": day(detail.due_on),
            "延期后期限": day(detail.due_on),
            "送达地点": BLANK,  # contact may be a phone number; the clerk writes the address by hand
            "缴纳方式": "持本通知到本机关办理缴款手续，缴入国库并取得财政票据。",
        }
        correction = detail.last(EventKind.CORRECTION_NOTICE)
        if correction is not None:
            end = correction.data.get("period_end")
            values["补正事项"] = str(correction.data.get("items", ""))
            values["补正期限"] = day(date.fromisoformat(end)) if isinstance(end, str) else BLANK
        extension = detail.last(EventKind.EXTENSION)
        if extension is not None:
            values["延长天数"] = str(extension.data.get("working_days", ""))
            values["延期理由"] = str(extension.data.get("reason", "")) or "需要进一步调查核实"
        consult_kind = EventKind.THIRD_PARTY if kind == LetterKind.THIRD_PARTY else EventKind.AGENCY
        consult = detail.last(consult_kind)
        if consult is not None and result is not None:
            values["征求对象"] = str(consult.data.get("party", ""))
            sent = [c for c in detail.events if c.kind in (EventKind.THIRD_PARTY, EventKind.AGENCY)]
            index = next(i for i, e in enumerate(sent) if e.id == consult.id)
            dues = result.consultation_reply_dues
            values["意见期限"] = day(dues[index]) if index < len(dues) else BLANK
        fee = detail.last(EventKind.FEE_NOTICE)
        if fee is not None:
            values["计费方式"] = str(fee.data.get("method", ""))
            values["收费依据"] = str(fee.data.get("basis", ""))
            values["收费金额"] = str(fee.data.get("amount", ""))
            values["缴费期限"] = day(result.fee_payment_due if result else None)
        chosen = BY_KEY.get(detail.outcome or "")
        if chosen is not None:
            answer = detail.last(EventKind.ANSWERED) or detail.last(EventKind.ON_THE_SPOT)
            values["答复内容"] = chosen.statement
            values["答复说明"] = answer.note if answer else ""
            values["法律依据"] = chosen.basis
            values["救济途径"] = remedy_sentence(
                chosen.remedy,
                self._settings.read(registry.REVIEW_BODY),
                self._settings.read(registry.COURT),
            )
            values["办理结果"] = chosen.ledger_label
        answers = [x for x in detail.letters if x.kind == LetterKind.ANSWER and not x.voided]
        if answers:
            values["送达文书"] = f"政府信息公开申请答复告知书（{answers[-1].number}）"
        served = detail.last(EventKind.SERVED)
        values["送达方式"] = str(served.data.get("method")) if served else "当面 / 邮政EMS / 电子方式"
        values["备注"] = ""
        values.update({key: value for key, value in extra.items() if key in PLACEHOLDERS})
        return values


def issued_letters(sessions: SessionFactory, case_id: int) -> tuple[LetterView, ...]:
    with sessions() as session:
        return letters_of(session, case_id)
