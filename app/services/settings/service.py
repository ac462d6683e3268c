"""Office profile, 公开栏 locations and the key/value settings store."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar, overload

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models import BoardLocation, OfficeProfile, Setting
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.common import SessionFactory
from app.services.permissions import Actor, Perm, require
from app.services.settings.org_code import check_org_code
from app.services.settings.registry import BY_KEY, LAST_BACKUP_AT, MonthDay, SettingSpec

ORG_CODE_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z\-]{1,39}$")
MAX_NAME = 100
T = TypeVar("T", bool, int, str)


@dataclass(frozen=True)
class OfficeInfo:
    name: str
    org_code: str
    address: str = ""
    phone: str = ""


SettingValue = bool | int | str


def validate_office(info: OfficeInfo) -> OfficeInfo:
    name = info.name.strip()
    code = info.org_code.strip()
    if not name:
        raise UserFacingError("请填写单位名称，例如「××镇人民政府」。")
    if len(name) > MAX_NAME:
        raise UserFacingError(f"单位名称太长（{len(name)} 个字），请控制在 {MAX_NAME} 个字以内。")
    if not ORG_CODE_RE.match(code):
        raise UserFacingError(
            "机构代码只能由字母、数字和连字符组成（2～40 位），例如统一社会信用代码或「11320000-0001」，"
            "它将用于生成索引号。"
        )
    checked = check_org_code(code)  # a credit code's check digit (GB 32100-2015)
    if checked.problem:
        raise UserFacingError(checked.problem)
    code = checked.code
    if len(info.address) > 200 or len(info.phone) > 50:
        raise UserFacingError("地址不超过 200 字，联系电话不超过 50 字。")
    return OfficeInfo(name, code, info.address.strip(), info.phone.strip())


class SettingsService:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    def office(self) -> OfficeInfo | None:
        with self._sessions() as session:
            row = session.get(OfficeProfile, 1)
            if row is None:
                return None
            return OfficeInfo(row.name, row.org_code, row.address, row.phone)

    def save_office(self, actor: Actor, info: OfficeInfo) -> OfficeInfo:
        require(actor, Perm.EDIT_OFFICE)
        clean = validate_office(info)
        with self._sessions.begin() as session:
            _write_office(session, actor, clean)
        return clean

    def boards(self) -> list[str]:
        with self._sessions() as session:
            rows = session.scalars(
                select(BoardLocation).where(BoardLocation.active).order_by(BoardLocation.sort_order)
            )
            return [row.name for row in rows]

    def save_boards(self, actor: Actor, names: list[str]) -> list[str]:
        """Replace the board list; names kept in order, blanks dropped, duplicates refused."""
        require(actor, Perm.EDIT_OFFICE)
        clean = validate_boards(names)
        with self._sessions.begin() as session:
            _write_boards(session, actor, clean)
        return clean

    def save_all(
        self, actor: Actor, office: OfficeInfo, boards: list[str], values: dict[str, SettingValue]
    ) -> None:
        """The 设置 page's save: everything validated first, then written in one transaction."""
        require(actor, Perm.EDIT_OFFICE)
        clean_office, clean_boards = validate_office(office), validate_boards(boards)
        for key, value in values.items():
            validate_setting(key, value)
        with self._sessions.begin() as session:
            _write_office(session, actor, clean_office)
            _write_boards(session, actor, clean_boards)
            for key, value in values.items():
                _write_setting(session, actor, key, value)

    def read(self, spec: SettingSpec[T]) -> T:
        """The value in effect (typed, validated, default when unset): how code reads a setting."""
        with self._sessions() as session:
            return spec.read(session)

    def day_in(self, spec: MonthDay, year: int) -> date:
        """A yearly due day setting (「03-31」) as the date in `year`."""
        return spec.day_in(year, self.read(spec))

    def get(self, key: str) -> SettingValue:
        """The value as stored, by key (the 设置 page's view); code uses `read(registry.X)`."""
        spec = BY_KEY[key]
        with self._sessions() as session:
            row = session.get(Setting, key)
        value: SettingValue = json.loads(row.value_json) if row else spec.default
        return value

    @overload
    def set(self, actor: Actor, key: SettingSpec[T], value: T) -> None: ...
    @overload
    def set(self, actor: Actor, key: str, value: SettingValue) -> None: ...
    def set(self, actor: Actor, key: SettingSpec[Any] | str, value: SettingValue) -> None:
        require(actor, Perm.EDIT_OFFICE)
        name = key if isinstance(key, str) else key.key
        validate_setting(name, value)
        with self._sessions.begin() as session:
            _write_setting(session, actor, name, value)

    def note_backup(self, actor: Actor, created_at: str, file: str) -> None:
        """Any account may back up; the time shows in the status bar and the backup is audited."""
        with self._sessions.begin() as session:
            session.merge(Setting(key=LAST_BACKUP_AT.key, value_json=json.dumps(created_at)))
            audit.record(session, actor, Action.EXPORT, "备份", "", file=file)

    def note_restore(self, actor: Actor, safety_backup: str) -> None:
        """Recorded in the restored database: who restored, and where the replaced data was kept."""
        with self._sessions.begin() as session:
            audit.record(session, actor, Action.RESTORE, "备份", "", previous_data=safety_backup)

    def all_values(self) -> dict[str, SettingValue]:
        """Every setting as stored (defaults for unset ones), by key: the 设置 page's form."""
        with self._sessions() as session:
            stored = {row.key: json.loads(row.value_json) for row in session.scalars(select(Setting))}
        return {key: stored.get(key, spec.default) for key, spec in BY_KEY.items()}


def validate_boards(names: list[str]) -> list[str]:
    clean = [name.strip() for name in names if name.strip()]
    duplicates = {name for name in clean if clean.count(name) > 1}
    if duplicates:
        raise UserFacingError(f"公开栏名称重复：{'、'.join(sorted(duplicates))}，请修改后再保存。")
    if any(len(name) > MAX_NAME for name in clean):
        raise UserFacingError(f"公开栏名称不超过 {MAX_NAME} 个字。")
    return clean


def validate_setting(key: str, value: SettingValue) -> None:
    spec = BY_KEY.get(key)
    if spec is None:
        raise UserFacingError(f"未知的设置项：{key}")
    if type(value) is not type(spec.default):
        raise UserFacingError(f"设置「{spec.label}」的值类型不正确。")
    problem = spec.problem(value)
    if problem:
        raise UserFacingError(problem)


def _office_fields(info: OfficeInfo | None) -> dict[str, str]:
    if info is None:
        return {}
    return {"单位名称": info.name, "机构代码": info.org_code, "地址": info.address, "联系电话": info.phone}


def _write_office(session: Session, actor: Actor, clean: OfficeInfo) -> None:
    row = session.get(OfficeProfile, 1)
    before = _office_fields(OfficeInfo(row.name, row.org_code, row.address, row.phone) if row else None)
    if row is None:
        row = OfficeProfile(id=1, name="", org_code="")
        session.add(row)
    row.name, row.org_code, row.address, row.phone = clean.name, clean.org_code, clean.address, clean.phone
    changes = audit.diff(before, _office_fields(clean))
    if changes:
        audit.record(session, actor, Action.UPDATE if before else Action.CREATE, "单位信息", 1, changes)


def _write_boards(session: Session, actor: Actor, clean: list[str]) -> None:
    existing = {row.name: row for row in session.scalars(select(BoardLocation))}
    before = [row.name for row in sorted(existing.values(), key=lambda r: r.sort_order) if row.active]
    for row in existing.values():
        row.active = False
    for order, name in enumerate(clean):
        row = existing.get(name) or BoardLocation(name=name)
        row.active, row.sort_order = True, order
        session.add(row)
    if before != clean:
        audit.record(
            session, actor, Action.UPDATE, "公开栏位置", "", {"公开栏": ("、".join(before), "、".join(clean))}
        )


def _write_setting(session: Session, actor: Actor, key: str, value: SettingValue) -> None:
    row = session.get(Setting, key)
    old = json.loads(row.value_json) if row else BY_KEY[key].default
    if old == value and row is not None:
        return
    session.merge(Setting(key=key, value_json=json.dumps(value, ensure_ascii=False)))
    if old != value:
        audit.record(session, actor, Action.SETTINGS, "设置", key, {BY_KEY[key].label: (old, value)})
