"""上报导出: export history (issue 8)."""

from __future__ import annotations
