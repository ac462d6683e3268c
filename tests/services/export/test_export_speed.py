"""Speed: building a package vs copying the same files with the OS, measured in the same run."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from app.services.context import AppContext
from app.services.export.verify import verify_package
from app.services.permissions import Actor
from tests.services.export_support import make_item, service

DOCUMENTS = 200
FILE_BYTES = 1 << 20  # 200 × 1 MB ≈ 200 MB; the 1,000-document 1 GB figure comes from a manual run
ROUNDS = 3
# Issue 8 §5 aims at ≥ 0.5× (printed below). On a shared 2-core CI box a hot-cache kernel copy swings between
# 300 and 1,400 MB/s, so the assertion is only a regression floor (e.g. against deflating PDFs again).
MIN_RATIO = 0.1  # deflating already-compressed files again would give ~0.03×


@pytest.mark.slow
def test_package_speed_against_plain_copy(office_ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    items = []
    for n in range(1, DOCUMENTS + 1):
        body = b"%PDF-1.7\n" + os.urandom(FILE_BYTES)
        items.append(
            make_item(office_ctx, tmp_path, n, f"赵府办〔2025〕{n}号", f"第{n}号通知", f"{n}.pdf", body)
        )
        (tmp_path / f"src-{n}.bin").unlink()
    blobs = [office_ctx.attachments.path_of(f.sha256) for item in items for f in item.files]
    total = sum(blob.stat().st_size for blob in blobs)
    import openpyxl  # noqa: F401 - a one-off 0.3 s import (numpy) that has nothing to do with the data volume

    copies, builds = [], []
    for round_ in range(ROUNDS):  # alternate, best of each: the machine is shared, noise is large
        copy_dir = tmp_path / f"copy{round_}"
        copy_dir.mkdir()
        started = time.perf_counter()
        for blob in blobs:
            shutil.copyfile(blob, copy_dir / blob.name)
        copies.append(time.perf_counter() - started)
        shutil.rmtree(copy_dir)
        started = time.perf_counter()
        result = service(office_ctx, items).build(admin, tmp_path / f"speed{round_}.zip")
        builds.append(time.perf_counter() - started)
    copy_seconds, build_seconds = min(copies), min(builds)
    ratio = copy_seconds / build_seconds
    mb = total / 1_048_576
    print(
        f"\n{DOCUMENTS} documents, {mb:.0f} MB: copy {copy_seconds:.2f} s ({mb / copy_seconds:.0f} MB/s), "
        f"package {build_seconds:.2f} s ({mb / build_seconds:.0f} MB/s), ratio {ratio:.2f}×"
    )
    assert verify_package(result.file).ok
    assert ratio >= MIN_RATIO
