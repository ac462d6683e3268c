"""The one write-to-temp-then-rename helper and every writer routed through it (issue 20): a write that
fails part-way leaves the old file as it was and no temp file behind; a finished one is on disk (fsync)."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from app.errors import UserFacingError
from app.paths import DataPaths
from app.services.audit.query import AuditFilter, AuditQueryService
from app.services.common import never_cancelled, no_progress
from app.services.context import AppContext
from app.services.formats.atomic import PRIVATE, atomic_write, write_json_atomic
from app.services.formats.official_docx import OfficialDocument
from app.services.formats.xlsx import write_rows
from app.services.permissions import Actor
from app.services.postings.pdf import write_pdf
from app.services.requests.letters import pdf as letter_pdf
from app.services.storage.backup import create_backup
from app.services.storage.server_config import ServerConfig, config_file, save_config
from tests.services.export_support import demo_items, service

PROC_FDS = Path("/proc/self/fd")  # Linux: what each handle is open on
Writer = Callable[[Path, str], Path]  # writes version `text` of a file in the folder; returns its path


@pytest.fixture
def fsyncs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What every os.fsync flushed: the path on Linux, the handle number elsewhere."""
    calls: list[str] = []
    real = os.fsync

    def recording(fd: int) -> None:
        calls.append(os.readlink(PROC_FDS / str(fd)) if PROC_FDS.is_dir() else str(fd))
        real(fd)

    monkeypatch.setattr(os, "fsync", recording)
    return calls


def _synced_into(fsyncs: list[str], folder: Path) -> bool:
    """A file in `folder` was flushed before its rename, and (POSIX) the folder after it."""
    if not PROC_FDS.is_dir():
        return len(fsyncs) >= (1 if os.name == "nt" else 2)
    return any(Path(path).parent == folder for path in fsyncs) and str(folder) in fsyncs


def _fail_at(monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    """The disk fails while the new file is flushed (a pulled USB stick), or the rename is refused."""

    def broken(*_args: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, step, broken)


def test_a_write_that_fails_half_way_keeps_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_write(target) as temp:
        temp.write_bytes(b"half of the new")
        raise RuntimeError("the program was interrupted")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["台账.xlsx"]


def test_the_bytes_are_synced_before_the_rename_and_the_folder_after(
    tmp_path: Path, fsyncs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = os.replace

    def replace(source: str | Path, target: str | Path) -> None:
        fsyncs.append("rename")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    target = tmp_path / "a.json"
    with atomic_write(target) as temp:
        temp.write_text("{}", encoding="utf-8")
    assert fsyncs.index("rename") == 1 and len(fsyncs) == (2 if os.name == "nt" else 3)
    if PROC_FDS.is_dir():
        assert fsyncs == [str(temp), "rename", str(tmp_path)]
    assert target.read_text(encoding="utf-8") == "{}"


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_private_files_are_for_the_owner_only_and_outputs_as_a_plain_save(tmp_path: Path) -> None:
    with atomic_write(tmp_path / "database.json", mode=PRIVATE) as temp:
        temp.write_text("{}", encoding="utf-8")
    with atomic_write(tmp_path / "导出.xlsx") as temp:
        temp.write_bytes(b"x")
    plain = tmp_path / "plain"
    plain.write_bytes(b"x")
    assert (tmp_path / "database.json").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "导出.xlsx").stat().st_mode & 0o777 == plain.stat().st_mode & 0o777


def _xlsx(folder: Path, text: str) -> Path:
    write_rows(folder / "台账.xlsx", "台账", ["标题"], [[text]])
    return folder / "台账.xlsx"


def _docx(folder: Path, text: str) -> Path:
    document = OfficialDocument()
    document.body(text)
    return document.save(folder / "汇总表.docx")


def _pdf(folder: Path, text: str) -> Path:
    return write_pdf(b"%PDF-1.4 " + text.encode(), folder / "张贴件.pdf")


def _json(folder: Path, text: str) -> Path:
    write_json_atomic(folder / "audit-anchor.json", {"text": text})
    return folder / "audit-anchor.json"


def _server_config(folder: Path, text: str) -> Path:
    paths = DataPaths(folder)
    save_config(paths, ServerConfig(f"postgresql+psycopg://zwgk@10.0.0.1/{text}", str(folder / "附件")))
    return config_file(paths)


def _letter_pdf(folder: Path, text: str) -> Path:
    """A letter's PDF as LibreOffice converts it (`fake_soffice` stands in for it)."""
    source = folder.parent / "答复告知书.docx"
    source.write_text(text, encoding="utf-8")
    return letter_pdf.docx_to_pdf(Path("soffice"), source, folder / "答复告知书.pdf")


WRITERS: dict[str, Writer] = {
    "xlsx": _xlsx,
    "official docx": _docx,
    "posting pdf": _pdf,
    "json": _json,
    "database.json": _server_config,
    "letter pdf": _letter_pdf,
}


@pytest.fixture
def fake_soffice(monkeypatch: pytest.MonkeyPatch) -> None:
    def convert(command: list[str], **_options: object) -> None:
        outdir, copy = Path(command[command.index("--outdir") + 1]), Path(command[-1])
        (outdir / "letter.pdf").write_bytes(b"%PDF-1.4 " + copy.read_bytes())

    monkeypatch.setattr(letter_pdf.subprocess, "run", convert)


@pytest.mark.usefixtures("fake_soffice")
@pytest.mark.parametrize("step", ["fsync", "replace"])
@pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS.keys())
def test_every_writer_is_synced_and_a_failure_keeps_the_old_file(
    writer: Writer, step: str, tmp_path: Path, fsyncs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "输出"
    folder.mkdir()
    target = writer(folder, "旧")
    assert _synced_into(fsyncs, folder)
    old = target.read_bytes()
    _fail_at(monkeypatch, step)
    with pytest.raises((OSError, UserFacingError)):
        writer(folder, "新")
    assert target.read_bytes() == old
    assert sorted(p.name for p in folder.iterdir()) == [target.name]


def test_backup_zip_is_synced_and_a_failed_one_leaves_the_last(
    office_ctx: AppContext, admin: Actor, tmp_path: Path, fsyncs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "备份"
    target = create_backup(office_ctx.engine, office_ctx.paths, folder / "每周备份.zip", actor=admin).file
    assert _synced_into(fsyncs, folder)
    old = target.read_bytes()
    _fail_at(monkeypatch, "replace")
    with pytest.raises(OSError):
        create_backup(office_ctx.engine, office_ctx.paths, target, actor=admin)
    assert target.read_bytes() == old
    assert sorted(p.name for p in folder.iterdir()) == [target.name]


def test_audit_export_is_synced_and_a_failed_one_leaves_the_last(
    ctx: AppContext, admin: Actor, tmp_path: Path, fsyncs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    service = AuditQueryService(ctx.sessions)
    folder = tmp_path / "导出"
    folder.mkdir()
    target = folder / "操作日志.xlsx"
    service.export_xlsx(admin, AuditFilter(date_from=date(2026, 1, 1)), target, no_progress, never_cancelled)
    assert _synced_into(fsyncs, folder)
    old = target.read_bytes()
    _fail_at(monkeypatch, "fsync")
    with pytest.raises(UserFacingError, match="导出失败"):
        service.export_xlsx(admin, AuditFilter(), target, no_progress, never_cancelled)
    assert target.read_bytes() == old
    assert sorted(p.name for p in folder.iterdir()) == [target.name]


def test_export_package_is_synced_and_a_failed_one_leaves_the_last(
    office_ctx: AppContext, admin: Actor, tmp_path: Path, fsyncs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    exporter = service(office_ctx, demo_items(office_ctx, tmp_path))
    folder = tmp_path / "上报"
    target = exporter.build(admin, folder / "数据包.zip", now=datetime(2025, 4, 1, 10)).file
    assert _synced_into(fsyncs, folder)
    old = target.read_bytes()
    _fail_at(monkeypatch, "fsync")
    with pytest.raises(OSError):
        exporter.build(admin, target, now=datetime(2025, 4, 2, 10))
    assert target.read_bytes() == old
    assert sorted(p.name for p in folder.iterdir()) == [target.name]


def _files(root: Path) -> list[Path]:
    return sorted(path.relative_to(root) for path in root.rglob("*") if path.is_file())


def test_an_attachment_is_synced_into_the_store_and_a_failed_copy_leaves_nothing(
    ctx: AppContext, tmp_path: Path, fsyncs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "附件.pdf"
    source.write_bytes(b"%PDF-1.4 first")
    sha, _size = ctx.attachments.store_blob(source)
    if PROC_FDS.is_dir():  # written beside the store's folders, then moved into its fan-out folder
        assert [Path(path).parent for path in fsyncs] == [ctx.attachments.root] * 2
        assert fsyncs[-1] == str(ctx.attachments.path_of(sha).parent)
    before = _files(ctx.attachments.root)
    source.write_bytes(b"%PDF-1.4 second")
    _fail_at(monkeypatch, "fsync")
    with pytest.raises(OSError):
        ctx.attachments.store_blob(source)
    assert _files(ctx.attachments.root) == before
