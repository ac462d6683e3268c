"""Chinese full-text search over the register: 标题, 文号, 索引号, 发布机构 and attachment text.

Design (PITFALLS: FTS5 `trigram` cannot match 1–2 character queries): the text is cut in Python into
overlapping 1-grams and 2-grams of each run of Chinese characters (Latin words and numbers stay whole) and
stored space-separated in an FTS5 table with the plain `unicode61` tokenizer. A query of n ≥ 2 Chinese
characters becomes the *phrase* of its n−1 bigrams (consecutive positions ⇒ an exact substring match),
a single character a unigram token. The FTS query text is built by this module from those tokens only,
so quotes, brackets, `*`, `NEAR` or `-` typed by the clerk can never reach FTS5 syntax. Ranking is
FTS5's bm25 with the title weighted highest; highlighting is done here on the original text.

Broad queries (「镇」 matches every document): bm25 reads the position lists of every match and the
results must then be sorted, ~250 ms at 100,000 documents. So relevance ranks at most `MANY_MATCHES`
matches; above that the list is newest first (rowid descending, which FTS5 streams with LIMIT) and the
UI says so. Counting uses the index alone (one row per document), but every match of 「镇」 at 1,000,000
documents is still its whole posting list (~280 ms), so the register counts a search only up to
`documents.query.COUNT_CAP` and then says 「超过 …」 (issue 24).

The index is derived data: created and filled from the documents when missing (it is not part of the
Alembic schema). On PostgreSQL `search_pg.PostgresNgramIndex` implements `SearchIndex` with the same tokens.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import Connection, Float, Integer, column, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import Subquery

TABLE = "document_search"
COLUMNS = ("title_b", "title_u", "meta_b", "meta_u", "body_b", "body_u")
WEIGHTS = (10.0, 10.0, 6.0, 6.0, 1.0, 1.0)  # bm25 column weights: a title hit outranks a body hit
MAX_QUERY_CHARS = 200
MAX_TERMS = 12
SNIPPET_CONTEXT = 30
# Ranking ~2,000 matches by bm25 takes ~10 ms at 100,000 documents; beyond it the first page would wait
# for every match to be scored and sorted, so larger result sets are listed newest first instead.
MANY_MATCHES = 2000
_RUN = re.compile(r"[^\W_]+")  # runs of letters/digits (Chinese characters are letters)
_CJK_FIRST = "\u2e80"
_CJK_SPLIT = re.compile(r"[\u2e80-\U0010ffff]+|[^\u2e80-\U0010ffff]+")  # within a run: Chinese or not
_PUNCTUATION = "，。：；（）、！？《》“”‘’【】〔〕—…·「」『』〈〉［］｛｝"  # full-width: never part of a word
_PUNCTUATION += "～＂＇／＼｜－＿＋＝＜＞＠＃＄％＾＆＊"
_BREAKS = re.compile(
    "[" + re.escape("".join(c for c in _PUNCTUATION if not unicodedata.normalize("NFKC", c).isalnum())) + "]"
)


def normalize(value: str) -> str:
    """Full-width letters and digits → ASCII, lower case (so 「ＡＢ１」 finds 「ab1」)."""
    return unicodedata.normalize("NFKC", value).lower()


def _tokenizable(value: str) -> str:
    """`normalize` for cutting into tokens, fast: common full-width punctuation (a word break before and
    after NFKC) becomes a space first, so most texts pass NFKC's quick check and skip the full pass."""
    value = _BREAKS.sub(" ", value)
    if not unicodedata.is_normalized("NFKC", value):
        value = unicodedata.normalize("NFKC", value)
    return value.lower()


def segments(value: str) -> list[tuple[bool, str]]:
    """(is_chinese, text) pieces: runs of Chinese characters and Latin/digit words, in order."""
    return [
        (piece[0] >= _CJK_FIRST, piece)
        for run in _RUN.findall(_tokenizable(value))
        for piece in _CJK_SPLIT.findall(run)
    ]


def ngram_columns(value: str) -> tuple[str, str]:
    """(bigram text, unigram text) for one field; Latin words go into both."""
    bigrams: list[str] = []
    unigrams: list[str] = []
    for chinese, piece in segments(value):
        if not chinese or len(piece) == 1:
            bigrams.append(piece)
            unigrams.append(piece)
        else:  # joined in C: this runs for every page of every attachment
            unigrams.append(" ".join(piece))
            bigrams.append(" ".join(map(operator.add, piece, piece[1:])))
    return " ".join(bigrams), " ".join(unigrams)


@dataclass(frozen=True)
class SearchFields:
    title: str
    meta: str  # 文号 索引号 发布机构
    body: str  # attachment text (a scan's or PDF's pages joined by `search.pages.join_pages`)


@dataclass(frozen=True)
class SearchHit:
    document_id: int
    score: float  # higher is better


class SearchIndex(Protocol):
    """What the register needs from a search engine (SQLite FTS5, or PostgreSQL in server mode)."""

    def ensure(self, engine: Engine) -> bool: ...

    def put(self, session: Session, document_id: int, fields: SearchFields) -> None: ...

    def put_many(self, session: Session, items: Iterable[tuple[int, SearchFields]]) -> None: ...

    def remove(self, session: Session, document_id: int) -> None: ...

    def query(self, session: Session, query: str, limit: int | None) -> list[SearchHit]:
        """Best first, every hit when `limit` is None; with a limit and more than `MANY_MATCHES`
        matches, the newest `limit` instead (ranking them all would cost more than the clerk waits)."""
        ...

    def count(self, session: Session, query: str, cap: int | None = None) -> int:
        """How many documents match (at most `cap`, which stops counting early)."""
        ...

    def hits(self, query: str, ranked: bool = True) -> Subquery | None:
        """(document_id, score) rows to join in list queries, lower score = better; None = no terms.
        Unranked, the score is 0 and the rows come cheapest ordered by document_id descending."""
        ...


def query_terms(query: str) -> list[str]:
    """The pieces a query is matched by (Chinese runs and words), deduplicated, bounded."""
    terms: list[str] = []
    for _chinese, piece in segments(query[:MAX_QUERY_CHARS]):
        if piece not in terms:
            terms.append(piece)
    return terms[:MAX_TERMS]


def fts_expression(query: str) -> str:
    """The FTS5 MATCH text for a clerk's query ("" when nothing searchable is left)."""
    clauses: list[str] = []
    for chinese, piece in segments(query[:MAX_QUERY_CHARS])[:MAX_TERMS]:
        if chinese and len(piece) == 1:
            clauses.append(f'{{title_u meta_u body_u}} : "{piece}"')
        elif chinese:
            phrase = " ".join(piece[i : i + 2] for i in range(len(piece) - 1))
            clauses.append(f'{{title_b meta_b body_b}} : "{phrase}"')
        else:
            clauses.append(f'{{title_b meta_b body_b}} : "{piece}"*')
    return " AND ".join(clauses)


class SqliteNgramIndex:
    """The FTS5 implementation of `SearchIndex` (rowid = documents.id)."""

    def ensure(self, engine: Engine) -> bool:
        """Create the index table if missing and fill it from the register. True when (re)built."""
        with engine.begin() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM sqlite_master WHERE name = :name"), {"name": TABLE}
            ).first()
            if exists:
                return False
            connection.execute(
                text(
                    f"CREATE VIRTUAL TABLE {TABLE} USING fts5({', '.join(COLUMNS)}, "
                    "tokenize = 'unicode61 remove_diacritics 0')"
                )
            )
            self._rebuild(connection)
        return True

    def _rebuild(self, connection: Connection) -> None:
        texts: dict[int, list[str]] = {}
        for document_id, body in connection.execute(
            text("SELECT document_id, text FROM document_files ORDER BY document_id, sort_order")
        ):
            texts.setdefault(document_id, []).append(body)
        rows = connection.execute(
            text("SELECT id, title, doc_number, index_no, publisher FROM documents ORDER BY id")
        )
        batch: list[dict[str, object]] = []
        for document_id, title, number, index_no, publisher in rows:
            fields = SearchFields(
                title, f"{number} {index_no} {publisher}", "\n".join(texts.get(document_id, []))
            )
            batch.append(_params(document_id, fields))
        if batch:
            connection.execute(_INSERT, batch)

    def put(self, session: Session, document_id: int, fields: SearchFields) -> None:
        session.execute(text(f"DELETE FROM {TABLE} WHERE rowid = :id"), {"id": document_id})
        session.execute(_INSERT, _params(document_id, fields))

    def put_many(self, session: Session, items: Iterable[tuple[int, SearchFields]]) -> None:
        batch = [_params(document_id, fields) for document_id, fields in items]
        if batch:
            session.execute(_INSERT, batch)

    def remove(self, session: Session, document_id: int) -> None:
        session.execute(text(f"DELETE FROM {TABLE} WHERE rowid = :id"), {"id": document_id})

    def hits(self, query: str, ranked: bool = True) -> Subquery | None:
        expression = fts_expression(query)
        if not expression:
            return None
        score = f"bm25({TABLE}, {_weights()})" if ranked else "0.0"
        return (
            text(
                f"SELECT rowid AS document_id, {score} AS score FROM {TABLE} WHERE {TABLE} MATCH :expression"
            )
            .bindparams(expression=expression)
            .columns(column("document_id", Integer), column("score", Float))
            .subquery("hits")
        )

    def count(self, session: Session, query: str, cap: int | None = None) -> int:
        expression = fts_expression(query)
        if not expression:
            return 0
        inner = f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH :expression"
        params: dict[str, object] = {"expression": expression}
        if cap is not None:
            inner += " LIMIT :cap"
            params["cap"] = max(cap, 0)
        return int(session.execute(text(f"SELECT count(*) FROM ({inner})"), params).scalar_one())

    def query(self, session: Session, query: str, limit: int | None) -> list[SearchHit]:
        expression = fts_expression(query)
        if not expression:
            return []
        order = "score, rowid DESC"
        if limit is not None and self.count(session, query, MANY_MATCHES + 1) > MANY_MATCHES:
            order = "rowid DESC"  # FTS5 streams this order: only `limit` rows are scored
        sql = (
            f"SELECT rowid, bm25({TABLE}, {_weights()}) AS score FROM {TABLE} "
            f"WHERE {TABLE} MATCH :expression ORDER BY {order}"
        )
        params: dict[str, object] = {"expression": expression}
        if limit is not None:
            sql += " LIMIT :limit"
            params["limit"] = max(limit, 0)
        return [SearchHit(int(row[0]), -float(row[1])) for row in session.execute(text(sql), params)]


def _weights() -> str:
    return ", ".join(str(weight) for weight in WEIGHTS)


_INSERT = text(f"INSERT INTO {TABLE}(rowid, {', '.join(COLUMNS)}) VALUES (:id, :{', :'.join(COLUMNS)})")


def _params(document_id: int, fields: SearchFields) -> dict[str, object]:
    title_b, title_u = ngram_columns(fields.title)
    meta_b, meta_u = ngram_columns(fields.meta)
    body_b, body_u = ngram_columns(fields.body)
    return {
        "id": document_id,
        "title_b": title_b,
        "title_u": title_u,
        "meta_b": meta_b,
        "meta_u": meta_u,
        "body_b": body_b,
        "body_u": body_u,
    }


# ---- highlighting (pure) --------------------------------------------------------------------------------


def highlight_spans(value: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Merged (start, end) character spans of every occurrence of the terms, case-insensitively."""
    haystack = normalize(value) if len(normalize(value)) == len(value) else value.lower()
    spans: list[tuple[int, int]] = []
    for term in terms:
        if not term:
            continue
        start = haystack.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = haystack.find(term, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mark(value: str, spans: Sequence[tuple[int, int]], opening: str = "【", closing: str = "】") -> str:
    """The text with each span wrapped (the UI passes HTML tags after escaping the pieces itself)."""
    out: list[str] = []
    position = 0
    for start, end in spans:
        out += [value[position:start], opening, value[start:end], closing]
        position = end
    out.append(value[position:])
    return "".join(out)


def snippet(value: str, terms: Sequence[str], context: int = SNIPPET_CONTEXT) -> str:
    """A one-line excerpt around the first match ("" when the text does not contain a term)."""
    spans = highlight_spans(value, terms)
    if not spans:
        return ""
    start, _end = spans[0]
    left, right = max(start - context, 0), min(start + context * 2, len(value))
    excerpt = " ".join(value[left:right].split())
    return ("…" if left else "") + excerpt + ("…" if right < len(value) else "")
