"""A bench folder kept with `--keep` can be measured again with `--reuse` (issue 24: generating a million
documents takes a quarter of an hour; measuring a change should not). What the measurements need to know
about the data is written beside it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from app.cli.bench.data import BenchData
from app.errors import UserFacingError
from app.paths import DataPaths
from app.services.formats.atomic import read_small_json, write_json_atomic

FILE_NAME = "bench-data.json"


def save(data: BenchData) -> None:
    facts = {
        "documents": data.documents,
        "requests": data.requests,
        "busiest_year": data.busiest_year,
        "export_since": data.export_since.isoformat(),
        "seconds": data.seconds,
        "search_index_seconds": data.search_index_seconds,
    }
    write_json_atomic(data.paths.root / FILE_NAME, facts)


def load(root: Path) -> BenchData:
    try:
        facts = read_small_json(root / FILE_NAME)
        return BenchData(
            DataPaths(root),
            int(facts["documents"]),
            int(facts["requests"]),
            int(facts["busiest_year"]),
            datetime.fromisoformat(facts["export_since"]),
            float(facts["seconds"]),
            float(facts.get("search_index_seconds", 0.0)),
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise UserFacingError(
            f"文件夹「{root}」不是用 bench --keep 保留的测试数据（缺少或读不懂 {FILE_NAME}），不能重用。"
        ) from error
