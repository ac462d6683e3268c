"""Every way a clerk's sheet writes 2025年1月24日 (issue 20): each importer reads them all as one day."""

from __future__ import annotations

from datetime import date, datetime

import pytest

DAY = date(2025, 1, 24)
TYPED = ("2025-01-24", "2025/1/24", "2025.1.24", "2025年1月24日", "20250124", "二〇二五年一月二十四日")
CELLS: tuple[object, ...] = (*TYPED, datetime(2025, 1, 24), 45681)  # a date cell; a 常规-formatted one
IMPOSSIBLE = "2025-02-30"

typed_forms = pytest.mark.parametrize("written", TYPED)
cell_forms = pytest.mark.parametrize("written", CELLS)
