"""Generate the data, take every measurement in a fixed order (the ledger import last: it adds rows)."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from app.cli.bench import (
    kept,
    measure,
    measure_files,
    measure_jump,
    measure_scale,
    measure_startup,
    peak_memory,
)
from app.cli.bench.data import BenchData, generate
from app.cli.bench.measure import Measurement
from app.paths import DataPaths
from app.services.context import open_data_folder
from app.services.demo.seed_demo import demo_actor

Say = Callable[[str], None]


def run_all(
    documents: int,
    requests: int,
    say: Say,
    keep: Path | None = None,
    ocr_pages: int = 0,
    catalogue_links: int = 0,
    export_file_kb: int = 0,
    reuse: Path | None = None,
) -> tuple[BenchData, list[Measurement]]:
    """`keep`: generate into this folder and leave it; `reuse`: measure a folder kept earlier instead."""
    root = reuse or keep or Path(tempfile.mkdtemp(prefix="zwgk-bench-"))
    start_mb = peak_memory.current_mb()
    peak_memory.reset_peak()
    try:
        if reuse is not None:
            data, generate_peak = kept.load(reuse), None
            say(f"重用已生成的数据：{data.documents} 件公文、{data.requests} 件依申请公开 → {root}")
        else:
            say(f"生成数据：{documents} 件公文、{requests} 件依申请公开 → {root}")
            data = generate(root, documents, requests, say, export_file_kb=export_file_kb)
            kept.save(data)
            generate_peak = peak_memory.peak_mb()
        peak_memory.reset_peak()  # where it cannot be reset, the measuring peak is the whole run's
        peaks: dict[str, float] = {}
        results = [measure_scale.generation(data, reused=reuse is not None), *measure_all(data, say, peaks)]
        results += measure_scale.memory(start_mb, generate_peak, peaks)
        started = time.perf_counter()
        results += measure_scale.storage(data.paths.database)
        say(f"数据库大小与重建索引：{time.perf_counter() - started:.1f} s")
        if catalogue_links:
            results += catalogue_section(data.paths.root, catalogue_links, say)
        if ocr_pages:
            results += ocr_section(ocr_pages, say)
    finally:
        if keep is None and reuse is None:
            shutil.rmtree(root, ignore_errors=True)
    return data, results


def measure_all(data: BenchData, say: Say, peaks: dict[str, float] | None = None) -> list[Measurement]:
    """Every figure in a fixed order; `peaks` gets each step's peak memory (MB), where the OS tells it."""
    results: list[Measurement] = []
    peaks = {} if peaks is None else peaks
    started = time.perf_counter()
    results.append(measure_startup.startup(data.paths.root))
    say(f"启动用时：{time.perf_counter() - started:.1f} s")
    ctx = open_data_folder(DataPaths(data.paths.root))
    try:
        actor = demo_actor(ctx)
        with measure_files.work_folder() as folder:
            work = Path(folder)
            steps: list[tuple[str, Callable[[], list[Measurement]]]] = [
                ("公文列表", lambda: measure.list_measurements(ctx)),
                ("拖动滚动条", lambda: measure_jump.jump_measurements(ctx)),
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
                peak_memory.reset_peak()
                results += step()
                peak = peak_memory.peak_mb()
                if peak is not None:
                    peaks[label] = peak
                say(f"{label}：{time.perf_counter() - started:.1f} s，内存峰值 {peak or 0:.0f} MB")
    finally:
        ctx.close()
    return results


def catalogue_section(root: Path, links: int, say: Say) -> list[Measurement]:
    """After the other figures: its catalogue rows and links do not change what they measured."""
    from app.cli.bench.catalogue_measure import catalogue_measurements

    started = time.perf_counter()
    with measure_files.work_folder() as folder:
        results = catalogue_measurements(root, links, Path(folder), say)
    say(f"标准目录：{time.perf_counter() - started:.1f} s")
    return results


def ocr_section(pages: int, say: Say) -> list[Measurement]:
    """Last, in its own folder: the OCR engine's memory stays out of the other figures."""
    from app.cli.bench.measure_ocr import ocr_measurements  # numpy and the engine only when asked

    started = time.perf_counter()
    with measure_files.work_folder() as folder:
        results = ocr_measurements(Path(folder), pages, say)
    say(f"OCR：{time.perf_counter() - started:.1f} s")
    return results
