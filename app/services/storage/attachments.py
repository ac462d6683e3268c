"""Content-addressed attachment store inside the data folder."""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from app.errors import UserFacingError
from app.models import Attachment
from app.services.common import SessionFactory
from app.services.formats.atomic import PRIVATE, commit, temp_beside

CHUNK = 1 << 20
TEMP_PREFIX = ".incoming-"  # the start-up clean-up removes what a crash leaves (storage/temp_files.py)
MAX_NAME_LEN = 255


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    sha256: str
    original_name: str
    size: int
    media_type: str


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def blob_path(root: Path, sha256: str) -> Path:
    """Two-level fan-out keeps folders small on NTFS."""
    return root / sha256[:2] / sha256


class CopyProblem(StrEnum):
    SOURCE = "source"  # the bytes read do not hash to the recorded value: the original is damaged
    WRITTEN = "written"  # the copy on disk differs from what was read (a flaky share or disk)


def copy_verified(source: Path, target: Path, sha: str, reread: bool = False) -> CopyProblem | None:
    """Copy a content-addressed file through a temp name in the target folder, checking its SHA-256 on
    the way (and, with `reread`, once more from disk); renamed into place only when whole and right."""
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with temp_beside(target.parent, TEMP_PREFIX, mode=PRIVATE) as temp:
        with temp.open("wb") as out, source.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
        if digest.hexdigest() != sha:
            return CopyProblem.SOURCE
        if reread and sha256_of(temp) != sha:
            return CopyProblem.WRITTEN
        commit(temp, target)
    return None


def display_name(name: str) -> str:
    """The name shown to the clerk: no folders, never empty, bounded length."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "附件"
    if len(base) > MAX_NAME_LEN:
        stem, dot, ext = base.rpartition(".")
        base = (
            (stem[: MAX_NAME_LEN - len(ext) - 1] + dot + ext)
            if dot and len(ext) < 16
            else base[:MAX_NAME_LEN]
        )
    return base


class AttachmentStore:
    def __init__(self, sessions: SessionFactory, root: Path) -> None:
        self._sessions = sessions
        self._root = root

    @property
    def root(self) -> Path:
        return self._root

    def path_of(self, sha256: str) -> Path:
        return blob_path(self._root, sha256)

    def store_blob(self, source: Path) -> tuple[str, int]:
        """Copy `source` into the store under its SHA-256: temp name in the same folder, then rename."""
        if not source.is_file():
            raise UserFacingError(f"找不到文件「{source}」，请确认文件还在原来的位置。")
        self._root.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        with temp_beside(self._root, TEMP_PREFIX, mode=PRIVATE) as temp:  # named by content once written
            with temp.open("wb") as out, source.open("rb") as handle:
                while chunk := handle.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
            sha = digest.hexdigest()
            if sha256_of(temp) != sha:  # what reached the disk is what was read
                raise UserFacingError(
                    f"保存附件「{source.name}」时写入的内容与原文件不一致，请检查磁盘后重试。"
                )
            final = self.path_of(sha)
            final.parent.mkdir(parents=True, exist_ok=True)
            if not (final.exists() and sha256_of(final) == sha):
                commit(temp, final)
        return sha, size

    def add_file(self, source: Path, original_name: str | None = None) -> AttachmentInfo:
        sha, size = self.store_blob(source)
        name = display_name(original_name or source.name)
        media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        with self._sessions.begin() as session:
            row = Attachment(sha256=sha, original_name=name, size=size, media_type=media_type)
            session.add(row)
            session.flush()
            return AttachmentInfo(row.id, sha, name, size, media_type)
