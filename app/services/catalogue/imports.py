"""Importing a year's catalogue: preview each row with its problems, then merge by 序号 in ONE transaction.

Merging, not replacing: an item that keeps its 序号 keeps its links (what was published for it) and the rule
a clerk corrected; a new 序号 is added; an item the new file no longer has is deleted, or voided with a
reason when information is linked to it, so nothing published is ever orphaned. A file with blocking
problems imports nothing: a half-imported catalogue would make the missing rows look removed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.catalogue import CatalogueItem, CatalogueLink
from app.services.accounts.service import verify_actor
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.catalogue import items as fields
from app.services.catalogue.excel import read_catalogue
from app.services.catalogue.items import ItemFields
from app.services.catalogue.parse import parse_rule
from app.services.catalogue.rules import rule_to_json
from app.services.catalogue.types import Rule, RuleKind
from app.services.common import SessionFactory, session_clock
from app.services.permissions import Actor, Perm, require

ENTITY = "标准目录"
MIN_YEAR, MAX_YEAR = 2000, 2100
NO_TIME_LIMIT = "目录未填公开时限"
SHEET_HINTS = {fields.NO_LEVEL1: "缺少一级事项（与上一项相同也请填写，或把这几行的一级事项合并为一个单元格）"}


@dataclass(frozen=True)
class PreviewRow:
    number: int  # Excel row
    value: ItemFields
    rule: Rule
    problems: tuple[str, ...]  # each stops the import
    notes: tuple[str, ...]  # read, with a caveat


@dataclass(frozen=True)
class CataloguePreview:
    file: str
    year: int
    title: str
    rows: tuple[PreviewRow, ...]
    existing: int  # items the year has now
    linked: int  # of those, items with linked information

    @property
    def blocking(self) -> list[str]:
        return [f"第{row.number}行：{problem}" for row in self.rows for problem in row.problems]

    @property
    def notes(self) -> list[str]:
        return [f"第{row.number}行：{note}" for row in self.rows for note in row.notes]


@dataclass(frozen=True)
class ImportResult:
    year: int
    added: int
    changed: int
    unchanged: int
    removed: int  # deleted: nothing was linked to them
    voided: int  # no longer in the file, kept voided because information is linked to them

    def summary(self) -> str:
        text = (
            f"{self.year}年目录：新增 {self.added} 项，修改 {self.changed} 项，未变 {self.unchanged} 项，"
            f"移除 {self.removed} 项"
        )
        if self.voided:
            text += f"；另有 {self.voided} 项已不在表格中，因已关联公开信息而作废保留"
        return text + "。"


def check_year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UserFacingError(f"年份「{year}」不正确，请填写 {MIN_YEAR}～{MAX_YEAR} 之间的年份。")
    return year


def rule_for(time_limit: str) -> Rule:
    """The parsed 公开时限; an empty one fixes no date, so the clerk decides (never a guess). A wording
    longer than the column holds is refused anyway and is not worth parsing (a 10,000-character cell)."""
    if not time_limit.strip():
        return Rule(RuleKind.MANUAL, note=NO_TIME_LIMIT)
    if len(time_limit) > fields.LIMITS["time_limit"][1]:
        return Rule(RuleKind.MANUAL, note="公开时限太长，未解析")
    return parse_rule(time_limit)


def linked_counts(session: Session, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    query = (
        select(CatalogueLink.item_id, func.count())
        .where(CatalogueLink.item_id.in_(ids))
        .group_by(CatalogueLink.item_id)
    )
    return {item_id: count for item_id, count in session.execute(query)}


class CatalogueImporter:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    def preview(self, path: Path, year: int) -> CataloguePreview:
        """Every row read and checked; nothing is saved."""
        check_year(year)
        sheet = read_catalogue(path)
        seqs = Counter(item.value.seq.strip() for item in sheet.items)
        seen: set[str] = set()
        rows: list[PreviewRow] = []
        for item in sheet.items:
            value = fields.clean(item.value)
            problems = [SHEET_HINTS.get(problem, problem) for problem in fields.problems(value)]
            if value.seq and seqs[value.seq] > 1 and value.seq in seen:
                problems.append(f"序号「{value.seq}」重复（前面已有一项），请改为不同的序号")
            seen.add(value.seq)
            notes = list(item.notes)
            if value.level1 and not value.level2:
                notes.append("缺少二级事项")
            if not value.time_limit:
                notes.append("未填公开时限，期限需人工确定")
            rows.append(
                PreviewRow(item.number, value, rule_for(value.time_limit), tuple(problems), tuple(notes))
            )
        if not rows:
            raise UserFacingError("表格中表头下面没有事项，请确认选择的文件是否正确。")
        with self._sessions() as session:
            ids = list(session.scalars(select(CatalogueItem.id).where(CatalogueItem.year == year)))
            linked = len(linked_counts(session, ids))
        return CataloguePreview(path.name, year, sheet.title, tuple(rows), len(ids), linked)

    def commit(self, actor: Actor, preview: CataloguePreview) -> ImportResult:
        if preview.blocking:
            raise UserFacingError(
                f"表格中有 {len(preview.blocking)} 处问题（{preview.blocking[0]}…），目录未导入。"
                "请改正后重新导入。"
            )
        with self._sessions.begin() as session:
            actor = verify_actor(session, actor, "导入标准目录", command_line=True)
            require(actor, Perm.REGISTER)
            result = _merge(session, preview)
            audit.record(
                session, actor, Action.IMPORT, ENTITY, preview.year, file=preview.file,
                新增=result.added, 修改=result.changed, 未变=result.unchanged, 移除=result.removed,
                作废保留=result.voided,
            )  # fmt: skip
        return result


def _merge(session: Session, preview: CataloguePreview) -> ImportResult:
    existing = {
        row.seq: row
        for row in session.scalars(select(CatalogueItem).where(CatalogueItem.year == preview.year))
    }
    links = linked_counts(session, [row.id for row in existing.values()])
    added = changed = unchanged = removed = voided = 0
    for order, entry in enumerate(preview.rows):
        row = existing.pop(entry.value.seq, None)
        if row is None:
            row = CatalogueItem(year=preview.year, seq=entry.value.seq)
            session.add(row)
            added += 1
        elif _same(row, entry):
            row.sort_order = order  # a row moved up or down is not a change to the item
            unchanged += 1
            continue
        else:
            changed += 1
        fields.apply(row, entry.value)
        row.sort_order = order
        row.voided_at, row.void_reason = None, ""
        if not row.rule_corrected:  # a clerk's correction outlives a re-import
            row.rule = rule_to_json(entry.rule)
    now = session_clock(session).now().replace(microsecond=0)
    for row in existing.values():
        if row.voided_at is not None:
            continue
        if links.get(row.id):
            row.voided_at = now
            row.void_reason = (
                f"重新导入「{preview.file}」时目录中已没有此项；已关联 {links[row.id]} 条公开信息，作废保留"
            )[:500]
            voided += 1
        else:
            session.delete(row)
            removed += 1
    return ImportResult(preview.year, added, changed, unchanged, removed, voided)


def _same(row: CatalogueItem, entry: PreviewRow) -> bool:
    rule_same = row.rule_corrected or row.rule == rule_to_json(entry.rule)
    return fields.fields_of(row) == entry.value and rule_same and row.voided_at is None
