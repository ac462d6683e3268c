"""依申请公开 cases: applicants, events, letters (issue 6)."""

from __future__ import annotations
