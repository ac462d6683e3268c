"""A clerk's .xlsx or .docx, checked before a third-party reader opens it (issue 19: hostile files).

Each way such a file is wrong gets its own calm message: empty, an old .xls/.doc or a file with an open
password (both are OLE files), not a zip at all (a .csv renamed), encrypted entries, a zip bomb, or a zip
without the part that makes it a workbook or a document. What the readers still trip over (broken XML, a
CRC error deep inside) becomes `damaged(...)`.
"""

from __future__ import annotations

import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path

from app.errors import UserFacingError
from app.services.formats.zips import size_problem

log = logging.getLogger("zwgk.services")
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .doc, and any Office file with an open password
MAX_UNPACKED_BYTES = 256 << 20  # a 10,000-row ledger unpacks to ~5 MB; a year's plan to well under 1 MB
READABLE_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})  # what Office and WPS write


@dataclass(frozen=True)
class OfficeKind:
    label: str  # 「Excel 工作簿」
    suffix: str  # .xlsx
    legacy: str  # .xls
    app: str  # who can save it again
    main_part: str  # the part every such file has
    other_formats: str  # what the clerk may have picked instead


XLSX = OfficeKind("Excel 工作簿", ".xlsx", ".xls", "Excel 或 WPS 表格", "xl/workbook.xml", ".csv 或 .xls")
DOCX = OfficeKind("Word 文档", ".docx", ".doc", "Word 或 WPS 文字", "word/document.xml", ".doc、.wps 或 .pdf")


def damaged(path: Path, kind: OfficeKind) -> UserFacingError:
    return UserFacingError(
        f"「{path.name}」已损坏或不完整（可能复制时被截断），无法读取。"
        f"请用 {kind.app}打开检查，另存为 {kind.suffix} 后重试。"
    )


def not_this_kind(path: Path, kind: OfficeKind) -> UserFacingError:
    return UserFacingError(
        f"「{path.name}」不是 {kind.label}（{kind.suffix} 格式）。如果是 {kind.other_formats} 文件，"
        f"请在 {kind.app}中另存为 {kind.suffix} 后重试。"
    )


def check_office_file(path: Path, kind: OfficeKind) -> None:
    """Refuse, with the reason, a file the reader for `kind` should never see."""
    if not path.is_file():
        raise UserFacingError(f"找不到文件「{path}」，请确认文件还在原来的位置。")
    try:
        with path.open("rb") as handle:
            head = handle.read(len(OLE_SIGNATURE))
    except OSError as error:
        raise UserFacingError(f"无法读取「{path.name}」：{error.strerror or error}") from None
    if not head:
        raise UserFacingError(f"「{path.name}」是空文件（0 字节），请确认选择的是 {kind.label}。")
    if head == OLE_SIGNATURE:
        raise UserFacingError(
            f"「{path.name}」是旧版 {kind.legacy} 文件，或设置了打开密码。"
            f"请在 {kind.app}中取消密码、另存为 {kind.suffix} 后重试。"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise not_this_kind(path, kind) from None
    _check_entries(path, kind, infos)


def _check_entries(path: Path, kind: OfficeKind, infos: list[zipfile.ZipInfo]) -> None:
    if any(info.flag_bits & 0x1 for info in infos):
        raise UserFacingError(
            f"「{path.name}」中的内容已加密（设置了密码），无法读取。"
            f"请取消密码、另存为 {kind.suffix} 后重试。"
        )
    if kind.main_part not in {info.filename for info in infos}:
        raise not_this_kind(path, kind)
    if any(info.compress_type not in READABLE_METHODS for info in infos):
        raise damaged(path, kind)
    bomb = any(size_problem(info) for info in infos)
    if bomb or sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        raise UserFacingError(
            f"「{path.name}」解压后超过 {MAX_UNPACKED_BYTES >> 20} MB 或压缩比异常（疑似「压缩炸弹」），"
            "为安全起见不读取。请确认选择的文件是否正确。"
        )


def reader_failed(path: Path, kind: OfficeKind, error: BaseException) -> UserFacingError:
    """What the third-party reader raised on a file that passed `check_office_file`: logged, and said
    calmly (its message is English and about XML, which helps no clerk)."""
    log.warning("cannot read %s as %s: %s: %s", path.name, kind.suffix, type(error).__name__, error)
    return damaged(path, kind)
