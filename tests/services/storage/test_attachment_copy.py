"""copy_verified: a blob lands whole under its name, or not at all (backups and migration rely on it)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from app.services.storage import attachments
from app.services.storage.attachments import CopyProblem, blob_path, copy_verified


def _blob(folder: Path, content: bytes) -> tuple[Path, str]:
    sha = hashlib.sha256(content).hexdigest()
    path = blob_path(folder, sha)
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    return path, sha


def test_a_good_copy_is_renamed_into_place(tmp_path: Path) -> None:
    source, sha = _blob(tmp_path / "源", "通知正文".encode() * 1000)
    target = blob_path(tmp_path / "备份", sha)
    assert copy_verified(source, target, sha, reread=True) is None
    assert target.read_bytes() == source.read_bytes()
    assert [p.name for p in target.parent.iterdir()] == [sha]


def test_a_damaged_source_leaves_nothing_behind(tmp_path: Path) -> None:
    source, sha = _blob(tmp_path / "源", b"original")
    source.write_bytes(b"tampered")
    target = blob_path(tmp_path / "备份", sha)
    assert copy_verified(source, target, sha) is CopyProblem.SOURCE
    assert list(target.parent.iterdir()) == []


def test_a_copy_that_reads_back_wrong_is_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, sha = _blob(tmp_path / "源", b"original")
    target = blob_path(tmp_path / "共享", sha)
    monkeypatch.setattr(attachments, "sha256_of", lambda _path: "0" * 64)  # the share returned other bytes
    assert copy_verified(source, target, sha, reread=True) is CopyProblem.WRITTEN
    assert list(target.parent.iterdir()) == []
