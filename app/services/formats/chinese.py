"""How dates and 文号 are written in letters and documents (GB/T 9704-2012)."""

from __future__ import annotations

from datetime import date


def cn_date(day: date) -> str:
    """GB/T 9704 成文日期: Arabic numerals, full year, no leading zeros — 2025年1月24日."""
    return f"{day.year}年{day.month}月{day.day}日"


def doc_number(agency_code: str, year: int, number: int) -> str:
    """GB/T 9704 发文字号: 机关代字〔2025〕12号 — 六角括号, no 「第」, no leading zeros."""
    return f"{agency_code}〔{year}〕{number}号"
