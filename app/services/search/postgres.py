"""The PostgreSQL implementation of `SearchIndex` (server mode, issue 14): same tokens, same matches.

FTS5 is SQLite-only, so on PostgreSQL the tokens of `search.ngram_columns` (Chinese characters, bigrams,
Latin words) go into one row per document with a `tsvector` per field (标题; 文号/索引号/发布机构; 附件正文),
each with a GIN index. The tsvectors are written by `search_pg_build` as literals (no PostgreSQL parser or
dictionary touches the tokens) and every tsquery is built here from `search.segments` with each lexeme
quoted, so quotes, `%`, `&`, `<->` or `:*` typed by the clerk never reach tsquery syntax. A query clause
matches what its FTS5 counterpart matches: one Chinese character or a bigram = that lexeme; a Latin word =
a lexeme starting with it (`:*`); three or more characters = the phrase of their bigrams (`<->`) within one
field. tsvector positions stop at 16,383 and 256 per lexeme, so a field longer than that keeps its bigram
text as well and its phrases are confirmed with LIKE instead (`search_pg_build.Field.overflow`).
The ranking is a field-weighted hit count (标题 > 文号/索引号/发布机构 > 附件正文), not bm25: the same
documents, a comparable order. As on SQLite, only searches with at most `MANY_MATCHES` matches are ranked;
broader ones are listed newest first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Float, Integer, column, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import Subquery

from app.services.search.index import (
    MANY_MATCHES,
    MAX_QUERY_CHARS,
    MAX_TERMS,
    TABLE,
    WEIGHTS,
    SearchFields,
    SearchHit,
    SearchIndex,
    SqliteNgramIndex,
    segments,
)
from app.services.search.postgres_rows import FIELDS, FORMAT, LOCK_KEY, OLD_TABLES, build, lexeme, row_params

FIELD_WEIGHT = {name: WEIGHTS[2 * n] for n, name in enumerate(FIELDS)}  # same weights as bm25's
_INSERT = text(
    f"INSERT INTO {TABLE} (id, {', '.join(FIELDS)}, {', '.join(f'{f}_x' for f in FIELDS)}) VALUES (:id, "
    + ", ".join(f"CAST(:{f} AS tsvector)" for f in FIELDS)
    + ", "
    + ", ".join(f":{f}_x" for f in FIELDS)
    + ")"
)


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _piece_matches(number: int, chinese: bool, piece: str, params: dict[str, Any]) -> dict[str, str]:
    """Field name → SQL condition "this field holds the piece" (parameters added to `params`)."""
    key = f"q{number}"
    if not chinese:
        params[key] = lexeme(piece) + ":*"
    elif len(piece) <= 2:
        params[key] = lexeme(piece)
    else:
        bigrams = [piece[i : i + 2] for i in range(len(piece) - 1)]
        params[key] = " & ".join(lexeme(bigram) for bigram in dict.fromkeys(bigrams))
        params[f"{key}_p"] = " <-> ".join(lexeme(bigram) for bigram in bigrams)
        params[f"{key}_l"] = f"% {_like_escape(' '.join(bigrams))} %"
        return {
            field: f"({field} @@ CAST(:{key} AS tsquery) AND CASE WHEN {field}_x IS NULL "
            f"THEN {field} @@ CAST(:{key}_p AS tsquery) ELSE (' ' || {field}_x || ' ') LIKE :{key}_l END)"
            for field in FIELDS
        }
    return {field: f"{field} @@ CAST(:{key} AS tsquery)" for field in FIELDS}


def _search_sql(query: str, ranked: bool) -> tuple[str, dict[str, Any]] | None:
    """(document_id, score) of every match; the score is minus the field-weighted hit count when `ranked`."""
    pieces = segments(query[:MAX_QUERY_CHARS])[:MAX_TERMS]
    if not pieces:
        return None
    params: dict[str, Any] = {}
    where: list[str] = []
    score: list[str] = []
    for number, (chinese, piece) in enumerate(pieces):
        matches = _piece_matches(number, chinese, piece, params)
        where.append("(" + " OR ".join(matches.values()) + ")")
        score += [
            f"CASE WHEN {match} THEN {FIELD_WEIGHT[field]} ELSE 0 END" for field, match in matches.items()
        ]
    value = f"-({' + '.join(score)})" if ranked else "0.0"
    return f"SELECT id AS document_id, {value} AS score FROM {TABLE} WHERE {' AND '.join(where)}", params


class PostgresNgramIndex:
    """`SearchIndex` over one derived table, rebuilt when missing or in an older format."""

    def ensure(self, engine: Engine) -> bool:
        with engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
            current = connection.execute(
                text("SELECT obj_description(to_regclass(:name), 'pg_class')"), {"name": TABLE}
            ).scalar()
            if current == FORMAT:
                return False
            for name in OLD_TABLES:  # the gram table of the first format, or a half-built table
                connection.execute(text(f"DROP TABLE IF EXISTS {name}"))
            build(connection)
        return True

    def put(self, session: Session, document_id: int, fields: SearchFields) -> None:
        self.remove(session, document_id)
        session.execute(_INSERT, row_params(document_id, fields))

    def put_many(self, session: Session, items: Iterable[tuple[int, SearchFields]]) -> None:
        batch = [row_params(document_id, fields) for document_id, fields in items]
        if batch:
            session.execute(_INSERT, batch)

    def remove(self, session: Session, document_id: int) -> None:
        session.execute(text(f"DELETE FROM {TABLE} WHERE id = :id"), {"id": document_id})

    def hits(self, query: str, ranked: bool = True) -> Subquery | None:
        built = _search_sql(query, ranked)
        if built is None:
            return None
        sql, params = built
        return (
            text(sql)
            .bindparams(**params)
            .columns(column("document_id", Integer), column("score", Float))
            .subquery("hits")
        )

    def count(self, session: Session, query: str, cap: int | None = None) -> int:
        built = _search_sql(query, ranked=False)
        if built is None:
            return 0
        sql, params = built
        if cap is not None:
            sql += " LIMIT :cap"  # any order: stops after `cap` rows
            params["cap"] = max(cap, 0)
        return int(session.execute(text(f"SELECT count(*) FROM ({sql}) n"), params).scalar_one())

    def query(self, session: Session, query: str, limit: int | None) -> list[SearchHit]:
        broad = limit is not None and self.count(session, query, MANY_MATCHES + 1) > MANY_MATCHES
        built = _search_sql(query, ranked=not broad)
        if built is None:
            return []
        sql, params = built
        sql += " ORDER BY document_id DESC" if broad else " ORDER BY score, document_id DESC"
        if limit is not None:
            sql += " LIMIT :limit"
            params["limit"] = max(limit, 0)
        return [SearchHit(int(row[0]), -float(row[1])) for row in session.execute(text(sql), params)]


def index_for(engine: Engine) -> SearchIndex:
    """FTS5 on SQLite, the tsvector index on PostgreSQL."""
    if engine.dialect.name == "postgresql":
        return PostgresNgramIndex()
    return SqliteNgramIndex()
