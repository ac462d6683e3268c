"""Generate the data, take every measurement in a fixed order (the ledger import last: it adds rows)."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from app.cli.bench import measure, measure_files
from app.cli.bench.data import BenchData, generate
from app.cli.bench.measure import Measurement
from app.paths import DataPaths
from app.services.context import open_data_folder
from app.services.demo.seed_demo import demo_actor

Say = Callable[[str], None]


def run_all(
    documents: int, requests: int, say: Say, keep: Path | None = None
) -> tuple[BenchData, list[Measurement]]:
    root = keep or Path(tempfile.mkdtemp(prefix="zwgk-bench-"))
    try:
        say(f"生成数据：{documents} 件公文、{requests} 件依申请公开 → {root}")
        data = generate(root, documents, requests, say)
        results = measure_all(data, say)
    finally:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return data, results


def measure_all(data: BenchData, say: Say) -> list[Measurement]:
    results: list[Measurement] = []
    started = time.perf_counter()
    results.append(measure.startup(data.paths.root))
    say(f"启动用时：{time.perf_counter() - started:.1f} s")
    ctx = open_data_folder(DataPaths(data.paths.root))
    try:
        actor = demo_actor(ctx)
        with measure_files.work_folder() as folder:
            work = Path(folder)
            steps: list[tuple[str, Callable[[], list[Measurement]]]] = [
                ("公文列表", lambda: measure.list_measurements(ctx)),
                ("检索", lambda: measure.search_measurements(ctx)),
                ("期限重算", lambda: measure.deadline_measurements(ctx, actor)),
                ("年度报告", lambda: [measure_files.annual_report(ctx, data.busiest_year, work)]),
                ("公开栏 PDF", lambda: measure_files.posting_measurements(ctx)),
                (
                    "上报数据包",
                    lambda: measure_files.export_throughput(ctx, actor, data.export_since, work),
                ),
                ("导入台账", lambda: [measure_files.import_10k(ctx, actor, work)]),
            ]
            for label, step in steps:
                started = time.perf_counter()
                results += step()
                say(f"{label}：{time.perf_counter() - started:.1f} s")
    finally:
        ctx.close()
    return results
