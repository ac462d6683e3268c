"""The benchmark's table (for a person) and JSON (for CI and the README)."""

from __future__ import annotations

import json
import platform
import unicodedata
from collections.abc import Sequence
from typing import Any

from app.cli.bench.measure import Measurement

HEADERS = ("测量项", "测量值", "基线", "比值", "目标", "结果")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    text = f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"
    return f"{text} {unit}".strip()


def verdict(passed: bool | None) -> str:
    return "—" if passed is None else "通过" if passed else "未达标"


def machine() -> str:
    import os

    return (
        f"{platform.system()} {platform.release()}，Python {platform.python_version()}，{os.cpu_count()} 核"
    )


def table(results: Sequence[Measurement], header: dict[str, Any]) -> str:
    rows = [
        (
            m.name,
            _number(m.value, m.unit),
            _number(m.baseline, m.unit if m.baseline is not None else ""),
            _number(m.ratio, "×") if m.ratio is not None else "—",
            m.target,
            verdict(m.passed),
        )
        for m in results
    ]
    widths = [max(_width(str(row[i])) for row in (HEADERS, *rows)) for i in range(len(HEADERS))]
    lines = [
        f"数据：{header['documents']} 件公文，{header['requests']} 件依申请公开（生成用时 "
        f"{header['generate_seconds']:.0f} s）；机器：{header['machine']}",
        "",
    ]
    for row in (HEADERS, tuple("-" * w for w in widths), *rows):
        lines.append("  ".join(_pad(str(cell), width) for cell, width in zip(row, widths, strict=True)))
    lines.append("")
    lines += [f"{m.name}：{m.note}" for m in results if m.note]
    return "\n".join(lines)


def as_json(results: Sequence[Measurement]) -> str:
    return json.dumps([m.as_json() for m in results], ensure_ascii=False, indent=2)
