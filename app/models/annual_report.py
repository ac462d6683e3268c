"""年度报告: figures entered by the clerk, narratives, and locked (published) years (issue 9)."""

from __future__ import annotations
