"""Which page of a scan or PDF a search match stands on (issue 22).

The pages go into the one body text separated by form feeds. A form feed is no letter, so `segments` never
joins characters across it: a phrase split over two pages is not matched, as on paper it is not one line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from app.services.search.index import highlight_spans

PAGE_BREAK = "\f"


def join_pages(pages: Iterable[str]) -> str:
    """One body text from page texts in order (page 1 first)."""
    return PAGE_BREAK.join(page.replace(PAGE_BREAK, "\n") for page in pages)


def page_at(body: str, offset: int) -> int:
    """The page (from 1) that character `offset` of a `join_pages` text stands on."""
    return body.count(PAGE_BREAK, 0, max(offset, 0)) + 1


def match_page(body: str, terms: Sequence[str]) -> int | None:
    """The page of the first match of the terms, None when the body does not contain one."""
    spans = highlight_spans(body, terms)
    return page_at(body, spans[0][0]) if spans else None


def scan_page(body: str, terms: Sequence[str]) -> int | None:
    """The page of the first match in a text of several pages (a scan's OCR, a PDF); None when the text
    is one page (nothing to point at) or does not match."""
    return match_page(body, terms) if PAGE_BREAK in body else None


def page_note(page: int | None) -> str:
    """「（扫描件第 2 页）」 after a search hit, "" when there is no page to name."""
    return f"（扫描件第 {page} 页）" if page else ""
