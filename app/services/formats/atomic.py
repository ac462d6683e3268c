"""Files that survive a crash or power cut whole: write a temp file beside the target, fsync it, rename it
over the target (os.replace, also on Windows), fsync the folder. The target is either the old file or the
new one, never half of each; a failed write leaves no temp file behind."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

MAX_SMALL_JSON = 1 << 20  # journals, anchors, manifests: anything bigger is not ours
PUBLIC, PRIVATE = 0o666, 0o600  # PUBLIC is what a plain open() gives (less the umask); PRIVATE: owner only
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation on the raw descriptor


def _create_temp(folder: Path, prefix: str, suffix: str, mode: int) -> Path:
    """A new empty file with a random name (as tempfile.mkstemp, but with `mode` rather than always 0600)."""
    for _ in range(100):
        temp = folder / f"{prefix}{secrets.token_hex(4)}{suffix}"
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, mode)
        except FileExistsError:
            continue
        os.close(fd)
        return temp
    raise FileExistsError(f"no free temporary name in {folder}")


@contextlib.contextmanager
def temp_beside(folder: Path, prefix: str, suffix: str = "", mode: int = PUBLIC) -> Iterator[Path]:
    """An empty temp file in `folder` (the rename then stays on one disk), gone when the block ends unless
    `commit` moved it into place. For writers whose target is known only after writing (content-addressed).
    The folder must exist: whether to create a missing one is the caller's choice."""
    temp = _create_temp(folder, prefix, suffix, mode)
    try:
        yield temp
    finally:
        with contextlib.suppress(OSError):  # held by a virus scanner, say: the start-up clean-up takes it
            temp.unlink(missing_ok=True)


def commit(temp: Path, target: Path) -> None:
    """Make `temp` the file at `target`: its bytes on disk first, then the rename, then the rename itself."""
    fsync_file(temp)
    os.replace(temp, target)
    fsync_folder(target.parent)


@contextlib.contextmanager
def atomic_write(
    target: Path, *, prefix: str | None = None, suffix: str = ".tmp", mode: int = PUBLIC
) -> Iterator[Path]:
    """Write the new file at the yielded temp path; when the block ends without an error it replaces
    `target` whole. On an error (or cancel) the temp file is removed and `target` is left as it was."""
    with temp_beside(target.parent, f".{target.name}-" if prefix is None else prefix, suffix, mode) as temp:
        yield temp
        commit(temp, target)


def write_json_atomic(target: Path, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(target, mode=PRIVATE) as temp:
        temp.write_text(text, encoding="utf-8")


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | _BINARY)  # Windows refuses to flush a read-only handle
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows has no directory handles to sync)."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def read_small_json(path: Path) -> Any:
    """The parsed file; ValueError for a file too big or not JSON, OSError when it cannot be read."""
    if path.stat().st_size > MAX_SMALL_JSON:
        raise ValueError("file too large")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, RecursionError) as error:
        raise ValueError(str(error)) from None
