"""重大行政决策事项目录 and each decision's procedure records (issue 10)."""

from __future__ import annotations
