"""公开栏 postings: boards, 公示期, status, evidence photos (issue 7)."""

from __future__ import annotations
