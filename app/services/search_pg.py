"""The PostgreSQL implementation of `SearchIndex` (server mode, issue 14): same tokens, same matches.

FTS5 is SQLite-only, so on PostgreSQL every token of `search.ngram_columns` (Chinese characters, bigrams,
Latin words) goes into a (gram, document_id, cols) table, `cols` being a bit mask of the fields holding
it (1 标题, 2 文号/索引号/发布机构, 4 附件正文), with a "C"-collated B-tree. A query clause matches
exactly what its FTS5 counterpart matches: one Chinese character or a bigram = that token; a Latin word =
a token starting with it; three or more characters = all their bigrams in one field, confirmed as the
consecutive phrase with LIKE over the stored bigram text (「农田水利」 never matches 「农田」…「水利」).
The ranking is a field-weighted hit count (标题 > 文号/索引号/发布机构 > 附件正文), not bm25: the same
documents, a comparable order.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Float, Integer, column, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import Subquery

from app.services.search import (
    MAX_QUERY_CHARS,
    MAX_TERMS,
    TABLE,
    WEIGHTS,
    SearchFields,
    SearchHit,
    SearchIndex,
    SqliteNgramIndex,
    ngram_columns,
    segments,
)

GRAMS = "document_search_grams"
LOCK_KEY = 2014_0012  # pg_advisory_xact_lock: two clients starting together build the index once
FIELDS = (("title", 1), ("meta", 2), ("body", 4))  # field → bit in `cols`
FIELD_WEIGHT = {bit: WEIGHTS[2 * n] for n, (_name, bit) in enumerate(FIELDS)}  # same weights as bm25's
COPY_BATCH = 2000


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _hits_sql(query: str) -> tuple[str, dict[str, Any]] | None:
    """One pass over the gram rows of every query token (grouped per document, one mask per piece), then the
    phrase check for pieces of three or more characters, then the score."""
    pieces = segments(query[:MAX_QUERY_CHARS])[:MAX_TERMS]
    if not pieces:
        return None
    params: dict[str, Any] = {}
    conditions: list[str] = []
    masks: list[str] = []
    having: list[str] = []
    verified: list[str] = []
    phrases = False
    narrowing: list[
        tuple[int, str, str]
    ] = []  # (rarity, key, condition): longer pieces match fewer documents
    for number, (chinese, piece) in enumerate(pieces):
        key = f"g{number}"
        if not chinese:
            params[key] = f"{_like_escape(piece)}%"
            condition, aggregate = f"gram LIKE :{key}", "bit_or"
        elif len(piece) <= 2:
            params[key] = piece
            condition, aggregate = f"gram = :{key}", "bit_or"
        else:
            bigrams = [piece[i : i + 2] for i in range(len(piece) - 1)]
            params[key] = sorted(set(bigrams))
            params[f"{key}_n"] = len(params[key])
            params[f"{key}_p"] = f"% {_like_escape(' '.join(bigrams))} %"
            condition, aggregate = f"gram = ANY(:{key})", "bit_and"
        rarity = (3 * len(piece) if len(piece) > 2 else 2 * len(piece)) if chinese else len(piece)
        narrowing.append((rarity, piece[:2] if chinese else "", condition))
        conditions.append(condition)
        masks.append(f"{aggregate}(cols) FILTER (WHERE {condition}) AS m{number}")
        if aggregate == "bit_and":
            having.append(f"count(*) FILTER (WHERE {condition}) = :{key}_n")
            phrases = True
            verified.append(
                "("
                + " | ".join(
                    f"CASE WHEN a.m{number} & {bit} <> 0 AND (' ' || s.{name}_b || ' ') LIKE :{key}_p "
                    f"THEN {bit} ELSE 0 END"
                    for name, bit in FIELDS
                )
                + f") AS v{number}"
            )
        else:
            having.append(f"bool_or({condition})")
            verified.append(f"a.m{number} AS v{number}")
    _rarity, first_gram, rarest = max(narrowing, key=lambda item: item[0])
    if first_gram:  # any one bigram of the rarest Chinese piece
        params["rare"] = first_gram
        rarest = "gram = :rare"
    grouped = (
        f"SELECT document_id, {', '.join(masks)} FROM {GRAMS} WHERE ({' OR '.join(conditions)}) "
        f"AND document_id IN (SELECT document_id FROM {GRAMS} WHERE {rarest}) "
        f"GROUP BY document_id HAVING {' AND '.join(having)}"
    )
    join = f" JOIN {TABLE} s ON s.id = a.document_id" if phrases else ""
    checked = f"SELECT a.document_id, {', '.join(verified)} FROM ({grouped}) a{join}"
    score = " + ".join(
        f"CASE WHEN v{number} & {bit} <> 0 THEN {FIELD_WEIGHT[bit]} ELSE 0 END"
        for number in range(len(pieces))
        for _name, bit in FIELDS
    )
    where = " AND ".join(f"v{number} <> 0" for number in range(len(pieces)))
    return f"SELECT document_id, -({score}) AS score FROM ({checked}) b WHERE {where}", params


class PostgresNgramIndex:
    """`SearchIndex` over plain tables; the rows are derived data, rebuilt when the tables are missing."""

    def ensure(self, engine: Engine) -> bool:
        with engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
            if connection.execute(text("SELECT to_regclass(:name)"), {"name": GRAMS}).scalar() is not None:
                return False
            connection.execute(text(f"DROP TABLE IF EXISTS {TABLE}"))
            connection.execute(
                text(
                    f"CREATE TABLE {TABLE} (id integer PRIMARY KEY, "
                    "title_b text NOT NULL, meta_b text NOT NULL, body_b text NOT NULL)"
                )
            )
            connection.execute(
                text(
                    f'CREATE TABLE {GRAMS} (gram text COLLATE "C" NOT NULL, document_id integer NOT NULL, '
                    "cols smallint NOT NULL, PRIMARY KEY (gram, document_id))"
                )
            )
            self._rebuild(connection)
            connection.execute(text(f"CREATE INDEX ix_{GRAMS}_document_id ON {GRAMS} (document_id)"))
            connection.execute(text(f"ANALYZE {TABLE}"))
            connection.execute(text(f"ANALYZE {GRAMS}"))
        return True

    def _rebuild(self, connection: Connection) -> None:
        """Every document, streamed with COPY (row-by-row INSERTs take minutes at 100,000 documents)."""
        texts: dict[int, list[str]] = {}
        for document_id, body in connection.execute(
            text("SELECT document_id, text FROM document_files ORDER BY document_id, sort_order")
        ):
            texts.setdefault(document_id, []).append(body)
        rows = connection.execute(
            text("SELECT id, title, doc_number, index_no, publisher FROM documents ORDER BY id")
        ).all()
        cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            with cursor.copy(f"COPY {TABLE} (id, title_b, meta_b, body_b) FROM STDIN") as copy:
                prepared = []
                for document_id, title, number, index_no, publisher in rows:
                    fields = SearchFields(
                        title, f"{number} {index_no} {publisher}", "\n".join(texts.get(document_id, []))
                    )
                    bigram_texts, grams = _tokens(fields)
                    copy.write_row((document_id, *bigram_texts))
                    prepared.append((document_id, grams))
            with cursor.copy(f"COPY {GRAMS} (gram, document_id, cols) FROM STDIN") as copy:
                for document_id, grams in prepared:
                    for gram, cols in grams.items():
                        copy.write_row((gram, document_id, cols))
        finally:
            cursor.close()

    @staticmethod
    def _insert(session: Session, document_id: int, fields: SearchFields) -> None:
        (title_b, meta_b, body_b), grams = _tokens(fields)
        session.execute(
            text(f"INSERT INTO {TABLE} (id, title_b, meta_b, body_b) VALUES (:id, :t, :m, :b)"),
            {"id": document_id, "t": title_b, "m": meta_b, "b": body_b},
        )
        if grams:
            session.execute(
                text(f"INSERT INTO {GRAMS} (gram, document_id, cols) VALUES (:gram, :id, :cols)"),
                [{"gram": gram, "id": document_id, "cols": cols} for gram, cols in sorted(grams.items())],
            )

    def put(self, session: Session, document_id: int, fields: SearchFields) -> None:
        self.remove(session, document_id)
        self._insert(session, document_id, fields)

    def put_many(self, session: Session, items: Iterable[tuple[int, SearchFields]]) -> None:
        for document_id, fields in items:
            self._insert(session, document_id, fields)

    def remove(self, session: Session, document_id: int) -> None:
        session.execute(text(f"DELETE FROM {GRAMS} WHERE document_id = :id"), {"id": document_id})
        session.execute(text(f"DELETE FROM {TABLE} WHERE id = :id"), {"id": document_id})

    def hits(self, query: str) -> Subquery | None:
        built = _hits_sql(query)
        if built is None:
            return None
        sql, params = built
        return (
            text(sql)
            .bindparams(**params)
            .columns(column("document_id", Integer), column("score", Float))
            .subquery("hits")
        )

    def query(self, session: Session, query: str, limit: int | None) -> list[SearchHit]:
        built = _hits_sql(query)
        if built is None:
            return []
        sql, params = built
        sql += " ORDER BY score, document_id DESC"
        if limit is not None:
            sql += " LIMIT :limit"
            params["limit"] = max(limit, 0)
        return [SearchHit(int(row[0]), -float(row[1])) for row in session.execute(text(sql), params)]


def _tokens(fields: SearchFields) -> tuple[tuple[str, str, str], dict[str, int]]:
    """(title, meta, body bigram texts), and each token with the bit mask of the fields holding it."""
    bigram_texts: list[str] = []
    grams: dict[str, int] = {}
    for (_name, bit), value in zip(FIELDS, (fields.title, fields.meta, fields.body), strict=True):
        bigrams, unigrams = ngram_columns(value)
        bigram_texts.append(bigrams)
        for gram in (*bigrams.split(), *unigrams.split()):
            grams[gram] = grams.get(gram, 0) | bit
    return (bigram_texts[0], bigram_texts[1], bigram_texts[2]), grams


def index_for(engine: Engine) -> SearchIndex:
    """FTS5 on SQLite, the plain-table index on PostgreSQL."""
    if engine.dialect.name == "postgresql":
        return PostgresNgramIndex()
    return SqliteNgramIndex()
