"""The scanned 红头文件 of issue 22's "Done when", for the tests: the generator lives in the app
(app/cli/bench/scan_sample.py) so `bench --ocr-pages` measures OCR on the very same pages."""

from __future__ import annotations

from app.cli.bench.scan_sample import (
    ADDRESSEE,
    BODY_PAGE_ONE,
    BODY_PAGE_TWO,
    DATE_LINE,
    DOC_NUMBER,
    DPI,
    HEADER,
    ORGAN,
    PAGE_TWO_PHRASE,
    QUOTED_NUMBER,
    TITLE,
    ScanFiles,
    body_text,
    make_scan_files,
    notice_pdf,
    rasterise,
    scan_pdf,
)

__all__ = [
    "ADDRESSEE",
    "BODY_PAGE_ONE",
    "BODY_PAGE_TWO",
    "DATE_LINE",
    "DOC_NUMBER",
    "DPI",
    "HEADER",
    "ORGAN",
    "PAGE_TWO_PHRASE",
    "QUOTED_NUMBER",
    "TITLE",
    "ScanFiles",
    "body_text",
    "make_scan_files",
    "notice_pdf",
    "rasterise",
    "scan_pdf",
]
