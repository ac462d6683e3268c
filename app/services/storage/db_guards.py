"""The schema objects our migrations create, and findings for anything else a database carries.

A trigger or view runs code on the next write or read; only the two append-only triggers of the audit log
(migration 0002) and the search index (app/services/search.py, derived data) are ours.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import Connection, text

from app.services.search.index import COLUMNS, TABLE

APPEND_ONLY = ("UPDATE", "DELETE")
AUDIT_TRIGGERS = {
    f"audit_entries_no_{statement.lower()}": (
        f"CREATE TRIGGER audit_entries_no_{statement.lower()} BEFORE {statement} ON audit_entries "
        "BEGIN SELECT RAISE(ABORT, '操作日志只能追加，不能修改或删除'); END"
    )
    for statement in APPEND_ONLY
}
SEARCH_SQL = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5({', '.join(COLUMNS)}, "
    "tokenize = 'unicode61 remove_diacritics 0')"
)
SEARCH_SHADOWS = frozenset(f"{TABLE}_{part}" for part in ("data", "idx", "content", "docsize", "config"))
SQLITE_INTERNAL = frozenset({"sqlite_sequence", "sqlite_stat1", "sqlite_stat4", "alembic_version"})
MAX_NAMED = 8  # a hostile file may carry thousands; name the first few
KINDS = frozenset({"table", "index", "trigger", "view"})  # what sqlite_master may list


DAMAGED = "\ufffd"  # what undecodable bytes become (here and in staged_db's text_factory)


def _text(raw: bytes | str | None) -> str:
    if isinstance(raw, bytes):
        return raw.decode("utf-8", "replace")
    return "" if raw is None else str(raw)


def _same(sql: str | None, expected: str) -> bool:
    return " ".join((sql or "").split()) == " ".join(expected.split())


def sqlite_object_findings(rows: Iterable[tuple[str, str, str, str | None]]) -> list[str]:
    """Findings over `sqlite_master` rows (type, name, tbl_name, sql): triggers, views, virtual tables."""
    findings: list[str] = []
    seen: set[str] = set()
    for kind, name, table, sql in rows:
        if DAMAGED in f"{kind}{name}{table}{sql or ''}":  # bytes that are no UTF-8 (found by fuzzing)
            findings.append(f"数据库的结构记录已损坏：「{name[:60]}」的定义含有无法识别的字节")
        elif kind == "trigger":
            if name in AUDIT_TRIGGERS and _same(sql, AUDIT_TRIGGERS[name]):
                seen.add(name)
            else:
                findings.append(f"不是本系统建立的触发器「{name[:60]}」（表 {table[:60]}）")
        elif kind == "view":
            findings.append(f"不是本系统建立的视图「{name[:60]}」")
        elif kind == "table" and (sql or "").lstrip()[:20].upper().startswith("CREATE VIRTUAL"):
            if name != TABLE or not _same(sql, SEARCH_SQL):
                findings.append(f"不是本系统建立的虚拟表「{name[:60]}」")
        elif kind not in KINDS:  # a damaged schema record (found by fuzzing: 'index' with a flipped byte)
            findings.append(f"数据库的结构记录已损坏：「{name[:60]}」的类型「{kind[:20]}」无法识别")
    findings += [f"操作日志的防改动触发器「{name}」被删除" for name in AUDIT_TRIGGERS if name not in seen]
    return _bounded(findings)


def table_findings(actual: Mapping[str, set[str]], expected: Mapping[str, set[str]]) -> list[str]:
    """Tables and their columns against the models (`Base.metadata`); search and SQLite tables aside."""
    findings: list[str] = []
    ours = set(expected) | SQLITE_INTERNAL | SEARCH_SHADOWS | {TABLE}
    findings += [f"不是本系统的表「{name[:60]}」" for name in sorted(set(actual) - ours)]
    findings += [f"缺少表「{name}」" for name in sorted(set(expected) - set(actual))]
    for name in sorted(set(expected) & set(actual)):
        missing, extra = expected[name] - actual[name], actual[name] - expected[name]
        if missing:
            findings.append(f"表「{name}」缺少列 {'、'.join(sorted(missing))}")
        if extra:
            findings.append(f"表「{name}」有不是本系统的列 {'、'.join(sorted(extra))[:120]}")
    return _bounded(findings)


def live_findings(connection: Connection) -> list[str]:
    """Triggers and views of the open database (SQLite or PostgreSQL) that our migrations did not make."""
    if connection.dialect.name == "sqlite":
        rows = connection.execute(  # as bytes: a damaged record must be a finding, not a decoding error
            text(
                "SELECT CAST(type AS BLOB), CAST(name AS BLOB), CAST(tbl_name AS BLOB), CAST(sql AS BLOB) "
                "FROM sqlite_master"
            )
        )
        return sqlite_object_findings(
            (_text(r[0]), _text(r[1]), _text(r[2]), None if r[3] is None else _text(r[3])) for r in rows
        )
    triggers = connection.execute(
        text(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE NOT t.tgisinternal AND n.nspname = current_schema()"
        )
    ).all()
    findings = [
        f"不是本系统建立的触发器「{name}」（表 {table}）"
        for table, name in triggers
        if not (table == "audit_entries" and name in AUDIT_TRIGGERS)
    ]
    present = {name for table, name in triggers if table == "audit_entries"}
    findings += [f"操作日志的防改动触发器「{name}」被删除" for name in AUDIT_TRIGGERS if name not in present]
    views = connection.execute(
        text("SELECT table_name FROM information_schema.views WHERE table_schema = current_schema()")
    ).scalars()
    findings += [f"不是本系统建立的视图「{name}」" for name in views]
    return _bounded(findings)


def _bounded(findings: list[str]) -> list[str]:
    if len(findings) <= MAX_NAMED:
        return findings
    return [*findings[:MAX_NAMED], f"……另有 {len(findings) - MAX_NAMED} 处"]
