"""Building the PostgreSQL search rows (`search_pg`): tsvector literals from `search.ngram_columns`.

The whole register is streamed in keyset batches (documents with their attachment text aggregated on the
server, never all in memory) and loaded with COPY; the GIN indexes are created after loading, which is
several times faster than maintaining them row by row.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from app.services.search.index import TABLE, SearchFields, ngram_columns

FORMAT = "zwgk-search tsvector 2"  # COMMENT ON the table: an older or half-built index is rebuilt once
OLD_TABLES = ("document_search_grams", TABLE)
LOCK_KEY = 2014_0012  # pg_advisory_xact_lock: two clients starting together build the index once
FIELDS = ("title", "meta", "body")
MAX_POSITION = 16383  # tsvector positions stop here (PostgreSQL docs §8.11.1)
MAX_POSITIONS = 256  # positions kept per lexeme (PostgreSQL docs §8.11.1)
MAX_LEXEME_BYTES = 2046  # a lexeme must be shorter than 2 KB (PostgreSQL docs §8.11.1)
MAX_VECTOR_BYTES = 900_000  # a tsvector must stay under 1 MB; larger fields keep their lexemes only
BATCH = 1000


def lexeme(token: str) -> str:
    """One tsvector/tsquery operand, quoted: nothing in it can act as an operator."""
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def _fit(token: str) -> str:
    """A Latin word longer than a lexeme may be is cut (prefix queries of ≤ 200 characters still match)."""
    if len(token) * 4 <= MAX_LEXEME_BYTES:
        return token
    return token.encode("utf-8")[:MAX_LEXEME_BYTES].decode("utf-8", "ignore")


def vector(value: str) -> tuple[str, str | None]:
    """(tsvector literal, overflow): bigrams with their positions, unigram-only lexemes without any.
    `overflow` is the bigram text when the positions cannot all be kept (phrases are then checked on it)."""
    bigram_text, unigram_text = ngram_columns(value)
    positions: dict[str, list[int]] = {}
    bigrams = bigram_text.split()
    exact = len(bigrams) <= MAX_POSITION
    for position, token in enumerate(bigrams[:MAX_POSITION], start=1):
        kept = positions.setdefault(_fit(token), [])
        if len(kept) < MAX_POSITIONS:
            kept.append(position)
        else:
            exact = False
    for token in (*bigrams[MAX_POSITION:], *unigram_text.split()):  # lexemes without positions
        positions.setdefault(_fit(token), [])
    literal = " ".join(
        f"{lexeme(token)}:{','.join(map(str, kept))}" if kept else lexeme(token)
        for token, kept in positions.items()
    )
    if len(literal) > MAX_VECTOR_BYTES // 4:  # cheap test first: most fields are far below
        if len(literal.encode("utf-8")) > MAX_VECTOR_BYTES:
            literal, exact = " ".join(lexeme(token) for token in positions), False
    return literal, None if exact else bigram_text


def row_params(document_id: int, fields: SearchFields) -> dict[str, Any]:
    params: dict[str, Any] = {"id": document_id}
    for name, value in zip(FIELDS, (fields.title, fields.meta, fields.body), strict=True):
        params[name], params[f"{name}_x"] = vector(value)
    return params


_SOURCE = text(
    "SELECT d.id, d.title, d.doc_number, d.index_no, d.publisher, "
    "(SELECT string_agg(f.text, E'\\n' ORDER BY f.sort_order) FROM document_files f "
    "WHERE f.document_id = d.id) FROM documents d WHERE d.id > :after ORDER BY d.id LIMIT :batch"
)


def build(connection: Connection) -> None:
    """Create and fill the table from the register (inside the caller's transaction and lock)."""
    columns = ", ".join(f"{name} tsvector NOT NULL, {name}_x text" for name in FIELDS)
    connection.execute(text(f"CREATE TABLE {TABLE} (id integer PRIMARY KEY, {columns})"))
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    names = ", ".join(f"{name}, {name}_x" for name in FIELDS)
    after = 0
    try:
        while True:
            rows = connection.execute(_SOURCE, {"after": after, "batch": BATCH}).all()
            if not rows:
                break
            with cursor.copy(f"COPY {TABLE} (id, {names}) FROM STDIN") as copy:
                for document_id, title, number, index_no, publisher, body in rows:
                    fields = SearchFields(title, f"{number} {index_no} {publisher}", body or "")
                    params = row_params(document_id, fields)
                    copy.write_row((document_id, *(params[key] for key in names.split(", "))))
            after = rows[-1][0]
    finally:
        cursor.close()
    for name in FIELDS:
        connection.execute(text(f"CREATE INDEX ix_{TABLE}_{name} ON {TABLE} USING gin ({name})"))
    connection.execute(text(f"COMMENT ON TABLE {TABLE} IS '{FORMAT}'"))
    connection.execute(text(f"ANALYZE {TABLE}"))
