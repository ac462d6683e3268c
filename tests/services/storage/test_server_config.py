"""设置 → 数据库 / --db-url: which database this PC uses, saved in the data folder, never in the database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.errors import UserFacingError
from app.paths import DataPaths
from app.services.storage.server_config import (
    ENV_ATTACHMENTS_DIR,
    ENV_DB_URL,
    ServerConfig,
    attachments_root,
    check_connection,
    config_file,
    has_password,
    load_config,
    normalize_url,
    resolve,
    save_config,
    shown_url,
    validate_config,
)
from tests.pg_cluster import free_port

SHARE = r"\\fileserver\zwgk附件"


@pytest.fixture(autouse=True)
def no_process_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_DB_URL, raising=False)
    monkeypatch.delenv(ENV_ATTACHMENTS_DIR, raising=False)


def test_clerk_typed_urls_become_driver_urls() -> None:
    assert normalize_url(" postgresql://zwgk@192.168.1.10:5432/zwgk ") == (
        "postgresql+psycopg://zwgk@192.168.1.10:5432/zwgk"
    )
    assert normalize_url("postgres://zwgk@db/zwgk").startswith("postgresql+psycopg://")
    with_password = "postgresql://zwgk:s3cret@db/zwgk"
    assert has_password(with_password) and "s3cret" not in shown_url(with_password)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("", "请填写数据库连接地址"),
        ("sqlite:///C:/zwgk.sqlite3", "只支持 PostgreSQL"),
        ("mysql://root@db/zwgk", "只支持 PostgreSQL"),
        ("postgresql://zwgk@/zwgk", "缺少服务器地址"),
        ("postgresql://zwgk@db", "缺少服务器地址或数据库名"),
        ("这不是地址", "格式不对"),
        ("postgresql://db/" + "x" * 600, "太长"),
    ],
)
def test_bad_urls_are_refused_with_a_hint(value: str, words: str) -> None:
    with pytest.raises(UserFacingError, match=words):
        normalize_url(value)


def test_saved_in_the_data_folder_and_read_back(data_paths: DataPaths) -> None:
    data_paths.ensure()
    assert load_config(data_paths) is None and resolve(data_paths, None, None) is None  # SQLite default
    config = validate_config("postgresql://zwgk@db/zwgk", SHARE)
    save_config(data_paths, config)
    assert json.loads(config_file(data_paths).read_text(encoding="utf-8"))["attachments_dir"] == SHARE
    assert load_config(data_paths) == config == resolve(data_paths, None, None)
    assert attachments_root(data_paths, config) == Path(SHARE)
    assert not list(data_paths.root.glob(".database-*"))  # no temp file left behind
    save_config(data_paths, None)
    assert load_config(data_paths) is None and attachments_root(data_paths, None) == data_paths.attachments


def test_command_line_wins_over_the_saved_choice(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_paths.ensure()
    save_config(data_paths, validate_config("postgresql://zwgk@saved/zwgk", SHARE))
    assert resolve(data_paths, "postgresql://zwgk@given/zwgk", None) == ServerConfig(
        "postgresql+psycopg://zwgk@given/zwgk", SHARE
    )
    monkeypatch.setenv(ENV_DB_URL, "postgresql://zwgk@cli/zwgk")
    resolved = resolve(data_paths, None, None)
    assert resolved is not None and "@cli/" in resolved.db_url


def test_server_mode_needs_a_shared_attachment_folder(data_paths: DataPaths) -> None:
    data_paths.ensure()
    with pytest.raises(UserFacingError, match="共享文件夹"):
        resolve(data_paths, "postgresql://zwgk@db/zwgk", None)
    with pytest.raises(UserFacingError, match="不能包含「..」"):
        validate_config("postgresql://zwgk@db/zwgk", "../../x")


def test_a_damaged_settings_file_says_what_to_do(data_paths: DataPaths) -> None:
    data_paths.ensure()
    config_file(data_paths).write_text("{ not json", encoding="utf-8")
    with pytest.raises(UserFacingError, match="已损坏。请改正或删除它"):
        load_config(data_paths)


def test_unreachable_server_gets_a_calm_message() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(UserFacingError, match="无法连接数据库服务器 127.0.0.1.*连不上服务器"):
        check_connection(f"postgresql://zwgk@127.0.0.1:{free_port()}/zwgk")
