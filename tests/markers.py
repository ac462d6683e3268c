"""Which tests are `slow` (left out of the quick loop `python -m pytest -m "not slow"`) and which may run
longer than the suite's timeout (pyproject.toml). A test may also say `@pytest.mark.slow` itself; this
table adds whole folders and the tests measured slow in issue 20, so the quick loop is easy to review.

Slow means: 1.5 s or more on the project's 2-core machine (`python -m pytest --durations=60`), or a test
that starts a database server, freezes the program or fuzzes. The figures are from 2026-11.
"""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS_ROOT = Path(__file__).resolve().parent

SLOW_FOLDERS = {
    "postgres": "a throwaway PostgreSQL cluster, then a database per test (about 370 tests, 2 min)",
}

# "file name::test name[parameters]" (the folder may move, the name stays) → why it is slow.
SLOW_TESTS = {
    "test_workplan_sort.py::test_sorted_first_page_stays_fast_at_100000_tasks": "100,000 tasks, 6.8 s",
    "test_workplan_service.py::test_paging_stays_fast_at_100000_tasks": "100,000 tasks, 3.3 s",
    "test_audit_query.py::test_last_page_of_ten_thousand_is_fast": "10,000 audit entries, 3.6 s",
    "test_personal_data_export.py::test_masked_items_leave_masked_everywhere[附件docx]": "3.5–5 s",
    "test_calendar.py::test_an_unloaded_year_gives_a_provisional_date_until_the_notice_is_imported": (
        "five program runs, 2.3 s"
    ),
    "test_workplan.py::test_import_list_export_and_refusal": "four program runs, 2.2 s",
    "test_documents.py::test_import_then_search": "four program runs, 1.8 s",
    "test_calendar.py::test_import_that_changes_loaded_days_is_refused_without_yes": "program runs, 1.7 s",
    "test_static_checks.py::test_mypy_finds_nothing": "1.8 s with mypy's cache, a minute without",
    "test_postings.py::test_pdf_of_a_saved_posting": "program runs and a PDF, 1.4–3 s",
    "test_bench.py::test_generated_data_reads_back_through_the_services": "bench data, 1.5–2.7 s",
    "test_bench_ocr.py::test_one_page_with_the_real_engine": "the OCR engine on three pages, 10–25 s",
    "test_demo.py::test_midnight_passing_while_writing_starts_again_on_the_new_day": "two demos, 1.4–1.9 s",
}

# File name → seconds; the timeout covers a module fixture's setup in its first test.
LONGER_TIMEOUTS = {
    "test_frozen_build.py": 2400,  # PyInstaller may take FREEZE_TIMEOUT_S (1800 s), then the frozen runs
}


def table_key(item: pytest.Item) -> str:
    """The item as SLOW_TESTS names it; pytest escapes non-ASCII parameter ids ("附件" → "\\u9644\\u4ef6")."""
    name = item.name.encode("ascii", "backslashreplace").decode("unicode_escape")
    return f"{item.path.name}::{name}"


COLLECTED: set[str] = set()  # every item's table key this run, before `-m` deselects any (a self-check)


def mark_collected(items: list[pytest.Item]) -> None:
    COLLECTED.update(table_key(item) for item in items)
    for item in items:
        folder = item.path.relative_to(TESTS_ROOT).parts[0] if item.path.is_relative_to(TESTS_ROOT) else ""
        if folder in SLOW_FOLDERS or table_key(item) in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
        if item.path.name in LONGER_TIMEOUTS:
            item.add_marker(pytest.mark.timeout(LONGER_TIMEOUTS[item.path.name]))
