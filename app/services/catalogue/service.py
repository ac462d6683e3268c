"""The catalogue kept per year: list, edit, correct a rule, void and restore, add, copy to the next year."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.catalogue import CatalogueItem
from app.services.accounts.service import verify_actor
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.catalogue import items as fields
from app.services.catalogue.imports import ENTITY, CatalogueImporter, check_year, linked_counts, rule_for
from app.services.catalogue.items import ItemFields
from app.services.catalogue.rules import describe, rule_from_json, rule_to_json
from app.services.catalogue.types import Period, Rule, RuleKind
from app.services.common import SessionFactory, session_clock
from app.services.permissions import Actor, Perm, require

ITEM_ENTITY = "标准目录事项"
REASON_MAX = 500


@dataclass(frozen=True)
class ItemRow:
    id: int
    year: int
    sort_order: int
    value: ItemFields
    rule: Rule
    rule_text: str  # describe(rule): 「形成后 20 个工作日内」
    rule_corrected: bool
    voided: bool
    void_reason: str
    links: int  # pieces of information linked to the item

    @property
    def seq(self) -> str:
        return self.value.seq

    @property
    def needs_manual(self) -> bool:
        return self.rule.kind is RuleKind.MANUAL


def check_rule(rule: Rule) -> Rule:
    """A rule the due-date code can use, or a calm refusal saying which number is wrong."""
    if rule.kind in (RuleKind.WORKING_DAYS, RuleKind.CALENDAR_DAYS) and not 1 <= rule.days <= 366:
        raise UserFacingError("天数应为 1～366 之间的整数，请改正。")
    if rule.kind is RuleKind.PERIODIC:
        if rule.period is None:
            raise UserFacingError("请选择周期（每月、每季度、每半年或每年）。")
        months = {Period.MONTH: 1, Period.QUARTER: 3, Period.HALF: 6, Period.YEAR: 12}[rule.period]
        if not 1 <= rule.month <= months:
            raise UserFacingError(f"「第几个月」应为 1～{months}，请改正。")
        if not 0 <= rule.day <= 31:
            raise UserFacingError("日期应为 1～31（0 表示月底），请改正。")
    return replace(rule, anchor=rule.anchor.strip()[:20], note=rule.note.strip()[:200])


def _row(item: CatalogueItem, links: int) -> ItemRow:
    rule = rule_from_json(item.rule)
    return ItemRow(
        id=item.id, year=item.year, sort_order=item.sort_order, value=fields.fields_of(item), rule=rule,
        rule_text=describe(rule), rule_corrected=item.rule_corrected, voided=item.voided_at is not None,
        void_reason=item.void_reason, links=links,
    )  # fmt: skip


class CatalogueService:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions
        self.imports = CatalogueImporter(sessions)

    def years(self) -> list[int]:
        with self._sessions() as session:
            query = select(CatalogueItem.year).distinct().order_by(CatalogueItem.year)
            return list(session.scalars(query))

    def items(self, year: int, text: str | None = None, *, include_voided: bool = True) -> list[ItemRow]:
        """The year's items in catalogue order; `text` matches 序号, 事项, 内容, 时限, 主体 or 渠道."""
        query = select(CatalogueItem).where(CatalogueItem.year == year)
        if not include_voided:
            query = query.where(CatalogueItem.voided_at.is_(None))
        for word in (text or "").split():
            pattern = f"%{word}%"
            columns = (CatalogueItem.seq, CatalogueItem.level1, CatalogueItem.level2, CatalogueItem.content,
                       CatalogueItem.time_limit, CatalogueItem.subject, CatalogueItem.channels)  # fmt: skip
            query = query.where(or_(*(column.like(pattern) for column in columns)))
        with self._sessions() as session:
            rows = list(session.scalars(query.order_by(CatalogueItem.sort_order, CatalogueItem.id)))
            links = linked_counts(session, [row.id for row in rows])
            return [_row(row, links.get(row.id, 0)) for row in rows]

    def item(self, item_id: int) -> ItemRow:
        with self._sessions() as session:
            row = _get(session, item_id)
            return _row(row, linked_counts(session, [row.id]).get(row.id, 0))

    def item_by_seq(self, year: int, seq: str) -> ItemRow:
        with self._sessions() as session:
            query = select(CatalogueItem).where(CatalogueItem.year == year, CatalogueItem.seq == seq.strip())
            row = session.scalars(query).first()
            if row is None:
                raise UserFacingError(f"{year}年目录中没有序号为「{seq}」的事项，请核对序号和年份。")
            return _row(row, linked_counts(session, [row.id]).get(row.id, 0))

    def update_item(self, actor: Actor, item_id: int, value: ItemFields) -> ItemRow:
        """The item's fields as the clerk set them; a changed 公开时限 is parsed again unless the clerk has
        corrected the rule."""
        value = _checked(value)
        with self._sessions.begin() as session:
            actor = _verified(session, actor, "修改标准目录")
            row = _get(session, item_id)
            _refuse_taken_seq(session, row.year, value.seq, row.id)
            before = fields.fields_of(row)
            fields.apply(row, value)
            if value.time_limit != before.time_limit and not row.rule_corrected:
                row.rule = rule_to_json(rule_for(value.time_limit))
            changes = audit.diff(before.as_dict(), value.as_dict())
            if changes:
                audit.record(session, actor, Action.UPDATE, ITEM_ENTITY, row.id, changes, 年度=row.year)
        return self.item(item_id)

    def set_rule(self, actor: Actor, item_id: int, rule: Rule) -> ItemRow:
        """The clerk's rule, kept over the parsed one (and over later re-imports)."""
        rule = check_rule(rule)
        with self._sessions.begin() as session:
            actor = _verified(session, actor, "更正公开时限")
            row = _get(session, item_id)
            before = describe(rule_from_json(row.rule))
            row.rule, row.rule_corrected = rule_to_json(rule), True
            changes = {"公开时限规则": (before, describe(rule))}
            audit.record(
                session, actor, Action.UPDATE, ITEM_ENTITY, row.id, changes, 序号=row.seq, 年度=row.year
            )
        return self.item(item_id)

    def reset_rule(self, actor: Actor, item_id: int) -> ItemRow:
        """Back to the rule read from the 公开时限 text."""
        with self._sessions.begin() as session:
            actor = _verified(session, actor, "恢复解析的公开时限")
            row = _get(session, item_id)
            before, parsed = describe(rule_from_json(row.rule)), rule_for(row.time_limit)
            row.rule, row.rule_corrected = rule_to_json(parsed), False
            changes = {"公开时限规则": (before, describe(parsed))}
            audit.record(
                session, actor, Action.UPDATE, ITEM_ENTITY, row.id, changes, 序号=row.seq, 年度=row.year
            )
        return self.item(item_id)

    def void_item(self, actor: Actor, item_id: int, reason: str) -> ItemRow:
        reason = reason.strip()
        if not reason:
            raise UserFacingError("请填写作废原因（例如「本年度不再公开此项」）。")
        if len(reason) > REASON_MAX:
            raise UserFacingError(f"作废原因太长（最多 {REASON_MAX} 字），请精简。")
        with self._sessions.begin() as session:
            actor = _verified(session, actor, "作废目录事项")
            row = _get(session, item_id)
            if row.voided_at is not None:
                raise UserFacingError(f"序号「{row.seq}」已经作废。")
            row.voided_at = session_clock(session).now().replace(microsecond=0)
            row.void_reason = reason
            audit.record(
                session, actor, Action.STATUS, ITEM_ENTITY, row.id, 操作="作废", 原因=reason, 序号=row.seq
            )
        return self.item(item_id)

    def restore_item(self, actor: Actor, item_id: int, reason: str) -> ItemRow:
        with self._sessions.begin() as session:
            actor = _verified(session, actor, "恢复目录事项")
            row = _get(session, item_id)
            if row.voided_at is None:
                raise UserFacingError(f"序号「{row.seq}」没有作废，不需要恢复。")
            row.voided_at, row.void_reason = None, ""
            why = reason.strip()[:REASON_MAX]
            audit.record(
                session, actor, Action.STATUS, ITEM_ENTITY, row.id, 操作="恢复", 原因=why, 序号=row.seq
            )
        return self.item(item_id)

    def add_item(self, actor: Actor, year: int, value: ItemFields) -> ItemRow:
        check_year(year)
        value = _checked(value)
        with self._sessions.begin() as session:
            actor = _verified(session, actor, "新增目录事项")
            _refuse_taken_seq(session, year, value.seq, None)
            last = session.scalar(
                select(func.max(CatalogueItem.sort_order)).where(CatalogueItem.year == year)
            )
            row = CatalogueItem(year=year, seq=value.seq, sort_order=(last or 0) + 1)
            fields.apply(row, value)
            row.rule = rule_to_json(rule_for(value.time_limit))
            session.add(row)
            session.flush()
            audit.record(
                session, actor, Action.CREATE, ITEM_ENTITY, row.id, None, 年度=year, **value.as_dict()
            )
            item_id = row.id
        return self.item(item_id)

    def copy_year(self, actor: Actor, from_year: int, to_year: int) -> int:
        """动态调整: next year starts as a copy of this year's items (their rules too, not their links)."""
        check_year(to_year)
        with self._sessions.begin() as session:
            actor = _verified(session, actor, "复制标准目录")
            taken = session.scalar(select(func.count()).where(CatalogueItem.year == to_year)) or 0
            if taken:
                raise UserFacingError(
                    f"{to_year}年已有 {taken} 项目录事项，不能再复制。请在该年度中直接修改，或重新导入。"
                )
            source = list(
                session.scalars(
                    select(CatalogueItem)
                    .where(CatalogueItem.year == from_year, CatalogueItem.voided_at.is_(None))
                    .order_by(CatalogueItem.sort_order, CatalogueItem.id)
                )
            )
            if not source:
                raise UserFacingError(f"{from_year}年目录没有有效事项，无法复制。")
            for order, old in enumerate(source):
                copy = CatalogueItem(year=to_year, seq=old.seq, sort_order=order, rule=old.rule,
                                     rule_corrected=old.rule_corrected)  # fmt: skip
                fields.apply(copy, fields.fields_of(old))
                session.add(copy)
            audit.record(
                session, actor, Action.CREATE, ENTITY, to_year, None, 复制自=from_year, count=len(source)
            )
        return len(source)


def _checked(value: ItemFields) -> ItemFields:
    value = fields.clean(value)
    problems = fields.problems(value)
    if problems:
        raise UserFacingError("；".join(problems) + "。")
    return value


def _verified(session: Session, actor: Actor, doing: str) -> Actor:
    actor = verify_actor(session, actor, doing, command_line=True)
    require(actor, Perm.REGISTER)
    return actor


def _get(session: Session, item_id: int) -> CatalogueItem:
    row = session.get(CatalogueItem, item_id)
    if row is None:
        raise UserFacingError("这个目录事项已不存在（可能已被重新导入替换），请刷新列表。")
    return row


def _refuse_taken_seq(session: Session, year: int, seq: str, own_id: int | None) -> None:
    query = select(CatalogueItem.id).where(CatalogueItem.year == year, CatalogueItem.seq == seq)
    other = session.scalars(query).first()
    if other is not None and other != own_id:
        raise UserFacingError(f"{year}年目录中已有序号「{seq}」，请换一个序号。")
