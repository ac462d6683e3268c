"""The restore's swap of database and attachments, journaled so a crash at any point is finished at the next
start (issue 19 §4).

The staging folder `.restore-…` beside the data holds `new/` (the verified database and attachments) and
receives `old/` (the data being replaced). `restore-journal.json` names the staging folder and how many
steps are done; it is written (temp name, fsync, rename) before the first step and after each one. Every
step is a rename inside the data folder and can be repeated, so `recover` simply carries on from the
recorded step; only if the staged data has gone missing does it move the old data back instead.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from app.errors import UserFacingError
from app.paths import DataPaths
from app.services.formats.atomic import fsync_folder, read_small_json, write_json_atomic
from app.services.storage.anchor import ChainHead, reset_anchor

log = logging.getLogger("zwgk.services")
JOURNAL_NAME = "restore-journal.json"
JOURNAL_FORMAT = "zwgk-restore-journal"
STAGING_PREFIX = ".restore-"
DB_PARTS = ("", "-wal", "-shm")  # the database file and SQLite's companions move together
STEPS = ("旧数据库移到一旁", "旧附件移到一旁", "新数据库放入", "新附件放入")
_STAGING_NAME = re.compile(r"\.restore-[A-Za-z0-9_]{1,40}")


def crash_point(_name: str) -> None:
    """Tests replace this to stop the swap at a named point, as a power cut would."""


def journal_path(paths: DataPaths) -> Path:
    return paths.root / JOURNAL_NAME


def _write(paths: DataPaths, staging: Path, step: int, head: ChainHead) -> None:
    data = {"format": JOURNAL_FORMAT, "staging": staging.name, "step": step, "anchor": head.as_json()}
    write_json_atomic(journal_path(paths), data)


def _move(source: Path, target: Path) -> None:
    if not source.exists():
        return
    if target.is_dir() and not any(target.iterdir()):
        target.rmdir()  # an empty folder made meanwhile (DataPaths.ensure) does not block the move
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)


def _db(paths: DataPaths, part: str) -> Path:
    return Path(str(paths.database) + part)


def _run_step(paths: DataPaths, staging: Path, step: int) -> None:
    new, old = staging / "new", staging / "old"
    if step == 0:
        old.mkdir(exist_ok=True)  # marks that the swap began moving (recover tells the cases apart by it)
        for part in DB_PARTS:
            if _db(paths, part).exists():
                _move(_db(paths, part), old / (paths.database.name + part))
    elif step == 1:
        if paths.attachments.exists():
            _move(paths.attachments, old / "attachments")
        (old / "attachments").mkdir(exist_ok=True)
    elif step == 2:
        staged = new / paths.database.name
        if staged.exists():
            _move(staged, paths.database)
        elif not paths.database.exists():
            raise FileNotFoundError(staged)
    elif step == 3:
        if (new / "attachments").exists():
            _move(new / "attachments", paths.attachments)
        paths.attachments.mkdir(exist_ok=True)
    fsync_folder(paths.root)


def swap(paths: DataPaths, staging: Path, head: ChainHead) -> None:
    """Put `staging/new` in place of the live data; `head` (the new log's head) becomes the anchor.

    Every engine on the database must be disposed first. If a step fails (a file held open by another
    program), what was moved goes back and the error is raised; if the process dies, `recover` finishes it.
    """
    _write(paths, staging, 0, head)
    crash_point("journal written")
    step = 0
    try:
        for step in range(len(STEPS)):
            _run_step(paths, staging, step)
            crash_point(f"after step {step}")
            _write(paths, staging, step + 1, head)
            crash_point(f"recorded step {step}")
    except Exception:
        log.exception("restore swap failed at step %s (%s); moving the old data back", step, STEPS[step])
        try:
            _roll_back(paths, staging)
        except Exception:
            log.exception("moving the old data back failed too; the journal stays for the next start")
            raise UserFacingError(
                "恢复在替换数据时中断。请关闭程序后重新打开，程序会先完成这次恢复再打开数据。"
            ) from None
        raise
    _finish(paths, staging, head)


def _finish(paths: DataPaths, staging: Path, head: ChainHead) -> None:
    reset_anchor(paths, head, "从备份恢复")
    crash_point("anchor reset")
    shutil.rmtree(staging, ignore_errors=True)
    crash_point("staging removed")
    journal_path(paths).unlink(missing_ok=True)
    fsync_folder(paths.root)


def _roll_back(paths: DataPaths, staging: Path) -> None:
    """Undo whatever steps happened, newest first; each undo checks where the files are now."""
    new, old = staging / "new", staging / "old"
    if not (new / "attachments").exists() and (old / "attachments").exists():
        _move(paths.attachments, new / "attachments")
    if not (new / paths.database.name).exists() and (old / paths.database.name).exists():
        _move(paths.database, new / paths.database.name)
    if (old / "attachments").exists():
        _move(old / "attachments", paths.attachments)
    for part in DB_PARTS:
        if not _db(paths, part).exists():
            _move(old / (paths.database.name + part), _db(paths, part))
    journal_path(paths).unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)
    fsync_folder(paths.root)


def pending_staging(paths: DataPaths) -> str | None:
    """The staging folder an unfinished swap still needs (temp-file cleanup must leave it alone)."""
    try:
        data = read_small_json(journal_path(paths))
    except (OSError, ValueError):
        return None
    name = data.get("staging") if isinstance(data, dict) else None
    return name if isinstance(name, str) and _STAGING_NAME.fullmatch(name) else None


def recover(paths: DataPaths, on_event: Callable[[str], None] = log.warning) -> str | None:
    """Finish (or, without its staged data, undo) a swap a crash interrupted; what was done, or None."""
    journal = journal_path(paths)
    if not journal.exists():
        return None
    try:
        data = read_small_json(journal)
    except (OSError, ValueError):
        data = None
    staging_name = data.get("staging") if isinstance(data, dict) else None
    step = data.get("step") if isinstance(data, dict) else None
    head = ChainHead.from_json(data.get("anchor")) if isinstance(data, dict) else None
    if (
        not isinstance(staging_name, str)
        or not _STAGING_NAME.fullmatch(staging_name)
        or not isinstance(step, int)
        or not 0 <= step <= len(STEPS)
        or head is None
    ):
        raise UserFacingError(
            f"数据文件夹中的恢复记录「{JOURNAL_NAME}」已损坏，无法判断上次恢复进行到哪一步。"
            "请不要删除文件夹中以 .restore- 开头的文件夹，先复制整个数据文件夹留存，再联系技术支持。"
        )
    staging = paths.root / staging_name
    new = staging / "new"
    # The new database is either still staged or already in place (moved after the old one left).
    staged_ready = (new / paths.database.name).exists() or (
        (staging / "old").is_dir() and paths.database.exists()
    )
    try:
        if staged_ready:
            for index in range(step, len(STEPS)):
                _run_step(paths, staging, index)
                _write(paths, staging, index + 1, head)
            _finish(paths, staging, head)
            message = f"上次从备份恢复在第 {step + 1} 步时中断，已完成恢复"
        else:
            _roll_back(paths, staging)
            message = "上次从备份恢复中断且缺少待恢复的数据，已还原为恢复前的数据"
    except OSError as error:
        raise UserFacingError(
            f"上次从备份恢复没有完成，现在也无法继续（{error.strerror or error}）。"
            "请关闭占用数据文件夹的其他程序后重新打开。"
        ) from None
    on_event(message)
    return message
