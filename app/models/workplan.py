"""工作要点 task ledger (issue 11)."""

from __future__ import annotations
