"""Zip rules shared by export packages and backups: safe names, reproducible entries, hostile-file guards."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path, PurePosixPath

from app.errors import UserFacingError

# Reproducible packages: every entry gets the zip epoch and the same attributes on every OS.
FIXED_DATE_TIME = (1980, 1, 1, 0, 0, 0)
UNIX_FILE_MODE = 0o100644 << 16
CREATE_SYSTEM_UNIX = 3
# Already compressed: deflating again costs time and gains nothing (issue 8 §5).
COMPRESSED_SUFFIXES = frozenset(
    ".pdf .docx .xlsx .pptx .ofd .jpg .jpeg .png .gif .webp .zip .rar .7z .gz .mp3 .mp4 .mov .wps .et".split()
)
# Windows refuses these as file names whatever the extension.
WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"COM{n}" for n in range(1, 10)] + [f"LPT{n}" for n in range(1, 10)]
)
_UNSAFE_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
MAX_NAME_BYTES = 180  # UTF-8 bytes: ext4 allows 255, and Windows paths stay under MAX_PATH when unpacked
MAX_SUFFIX_CHARS = 10

# Zip-bomb guard: a highly compressible entry is fine when small, refused when large.
MAX_RATIO = 200
RATIO_FREE_BYTES = 16 << 20
MAX_TOTAL_BYTES = 1 << 40  # 1 TiB declared in one archive is never a real package or backup


def zip_info(name: str, compressed: bool) -> zipfile.ZipInfo:
    """An entry header that is byte-identical from run to run and from Windows to Linux."""
    info = zipfile.ZipInfo(name, date_time=FIXED_DATE_TIME)
    info.compress_type = zipfile.ZIP_STORED if compressed else zipfile.ZIP_DEFLATED
    info.external_attr = UNIX_FILE_MODE
    info.create_system = CREATE_SYSTEM_UNIX
    return info


def is_compressed(name: str) -> bool:
    return PurePosixPath(name.lower()).suffix in COMPRESSED_SUFFIXES


def _clip_utf8(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")[:limit]
    return encoded.decode("utf-8", errors="ignore")


def safe_file_name(name: str, taken: set[str], fallback: str = "附件") -> str:
    """A name valid on Windows and Linux: separators replaced, length-limited, not in `taken`.

    `taken` holds the case-folded names already used (Windows compares names without case); the result's
    case-folded form is added to it.
    """
    text = unicodedata.normalize("NFC", name)
    text = _UNSAFE_CHARS.sub("_", text).strip().strip(".").strip()
    text = text.replace("..", "_")
    if not text:
        text = fallback
    stem, dot, suffix = text.rpartition(".")
    if not dot or not stem or len(suffix) > MAX_SUFFIX_CHARS:
        stem, suffix = text, ""
    ext = f".{suffix}" if suffix else ""
    if stem.split(".")[0].strip().upper() in WINDOWS_RESERVED:
        stem = f"_{stem}"
    stem = _clip_utf8(stem, MAX_NAME_BYTES - len(ext.encode("utf-8"))).rstrip(" .") or fallback
    candidate, number = stem + ext, 1
    while candidate.casefold() in taken:
        number += 1
        tag = f"~{number}"
        room = MAX_NAME_BYTES - len(ext.encode("utf-8")) - len(tag)
        candidate = _clip_utf8(stem, room).rstrip(" .") + tag + ext
    taken.add(candidate.casefold())
    return candidate


def entry_name_problem(name: str) -> str | None:
    """Why an archive entry name is unsafe to unpack, or None."""
    if not name or "\x00" in name:
        return "条目名称为空或含有非法字符"
    if "\\" in name:
        return "条目名称含有反斜杠（Windows 路径分隔符），可能借此写到别的文件夹"
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return "条目使用了绝对路径，可能借此覆盖电脑上的其他文件"
    if any(part == ".." for part in name.split("/")):
        return "条目路径中有「..」，可能借此写到别的文件夹"
    return None


def size_problem(info: zipfile.ZipInfo) -> str | None:
    """A zip bomb declares a huge uncompressed size for a tiny compressed one."""
    if info.file_size > MAX_TOTAL_BYTES:
        return f"声明的大小 {info.file_size} 字节不合理"
    if info.file_size > RATIO_FREE_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return (
            f"压缩比异常（{info.compress_size} 字节解压后为 {info.file_size} 字节），"
            "疑似「压缩炸弹」，为安全起见不解压"
        )
    return None


def open_archive(path: Path, what: str) -> zipfile.ZipFile:
    """Open a zip with a clear message for a missing, truncated or non-zip file."""
    if not path.is_file():
        raise UserFacingError(f"找不到{what}「{path}」，请确认文件位置。")
    try:
        return zipfile.ZipFile(path)
    # ValueError: a name that is not the UTF-8 it claims; NotImplementedError: a zip 「version 8.4」
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError):
        raise UserFacingError(
            f"{what}「{path.name}」已损坏、不完整（可能复制时被截断）或不是 zip 文件，无法读取。"
        ) from None
    except OSError as error:
        raise UserFacingError(f"无法读取{what}「{path.name}」：{error.strerror or error}") from None
