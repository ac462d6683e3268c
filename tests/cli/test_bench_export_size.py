"""`bench --export-file-kb N` (issue 24): the export measurement's own attachments all have that size, so the
package can be measured against a plain copy at 1 MB files as well as at the usual ~150 KB."""

from __future__ import annotations

from pathlib import Path

from app.cli.bench.data import generate
from app.paths import DataPaths
from app.services.context import open_data_folder
from app.services.export.service import ExportMode
from app.services.storage.integrity import run_check


def test_the_export_set_carries_files_of_the_chosen_size(tmp_path: Path) -> None:
    data = generate(tmp_path / "数据", 200, 20, export_file_kb=64)
    ctx = open_data_folder(DataPaths(data.paths.root))
    try:
        from app.services.demo.seed_demo import demo_actor

        plan = ctx.exports.preview(demo_actor(ctx), ExportMode.SINCE_DATE, data.export_since)
        sizes = [file.size for item in plan.items for file in item.files]
        assert sizes and sum(size >= 64 * 1024 for size in sizes) >= len(sizes) * 0.8
        assert all(size < 64 * 1024 + 100 for size in sizes if size >= 64 * 1024)
        report = run_check(ctx.sessions, ctx.attachments)  # the rows' sizes and hashes match the files
        assert report.ok, report.as_json()
    finally:
        ctx.close()
