"""Which database this PC uses: the local SQLite file (default) or a shared PostgreSQL server (issue 14).

The choice lives in a small JSON file in the data folder, not in the database, since it chooses the
database. Passwords are best kept out of it: a URL without a password plus a libpq password file
(PGPASSFILE, %APPDATA%\\postgresql\\pgpass.conf on Windows) is preferred; a URL with a password is accepted
with a warning that the file then holds it in plain text. Attachments in server mode live in a shared
folder (UNC path) that every client can write to; see README「多台电脑共用」.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from app.errors import UserFacingError
from app.models.db import SERVER_DRIVERS, make_engine
from app.paths import DataPaths
from app.services.audit.chain import Action, record
from app.services.common import SessionFactory
from app.services.formats.atomic import PRIVATE, atomic_write
from app.services.permissions import Actor, Perm, require

CONFIG_FILE_NAME = "database.json"
# `--db-url` / `--attachments-dir` (app/cli.py) for this process only; every open_data_folder sees them.
ENV_DB_URL = "ZWGK_DB_URL"
ENV_ATTACHMENTS_DIR = "ZWGK_ATTACHMENTS_DIR"
MAX_URL_CHARS = 500
MASK = "***"  # how a stored password is shown (SQLAlchemy's hide_password)
DRIVER = SERVER_DRIVERS[0]
PASSWORD_WARNING = (
    "连接地址中含有密码，它会以明文保存在本机数据文件夹的 database.json 中。"
    "更安全的做法是地址中不写密码，改用 PostgreSQL 密码文件（pgpass.conf），见使用说明。"
)


@dataclass(frozen=True)
class ServerConfig:
    db_url: str  # postgresql+psycopg://user@host:5432/dbname
    attachments_dir: str  # shared folder, e.g. \\\\fileserver\\zwgk\\attachments


@dataclass(frozen=True)
class ConnectionInfo:
    server_version: str
    schema_revision: str | None  # None: an empty database, the program will create the tables


def config_file(paths: DataPaths) -> Path:
    return paths.root / CONFIG_FILE_NAME


def normalize_url(value: str) -> str:
    """A clerk-typed URL → the driver URL; refuses anything that is not a PostgreSQL server address."""
    raw = value.strip()
    if not raw:
        raise UserFacingError("请填写数据库连接地址，例如 postgresql://zwgk@192.168.1.10:5432/zwgk。")
    if len(raw) > MAX_URL_CHARS:
        raise UserFacingError(f"连接地址太长（{len(raw)} 个字符），请检查是否粘贴了多余的内容。")
    try:
        url = make_url(raw)
    except ArgumentError:
        raise UserFacingError(
            "连接地址的格式不对，应类似 postgresql://用户名@服务器地址:5432/数据库名，请检查。"
        ) from None
    if url.drivername in ("postgresql", "postgres", "postgresql+psycopg"):
        url = url.set(drivername=DRIVER)
    else:
        raise UserFacingError("只支持 PostgreSQL 服务器，连接地址应以 postgresql:// 开头。")
    if not url.host or not url.database:
        raise UserFacingError(
            "连接地址缺少服务器地址或数据库名，应类似 postgresql://zwgk@192.168.1.10/zwgk。"
        )
    return url.render_as_string(hide_password=False)


def shown_url(value: str) -> str:
    """For screens and logs: the password, if any, replaced by ***."""
    return make_url(value).render_as_string(hide_password=True)


def has_password(value: str) -> bool:
    return make_url(value).password is not None


def url_to_save(typed_url: str, stored_url: str | None, new_password: str = "") -> str:
    """The URL from 设置 → 数据库, which never shows the stored password: *** in the address stands for it.

    A typed password replaces it; *** keeps the stored one; an address without a password has none
    (the recommended pgpass.conf then supplies it).
    """
    url = make_url(normalize_url(typed_url))
    if new_password:
        if len(new_password) > MAX_URL_CHARS:
            raise UserFacingError("密码太长，请检查是否粘贴了多余的内容。")
        url = url.set(password=new_password)
    elif url.password == MASK:
        stored = make_url(stored_url).password if stored_url else None
        if stored is None:
            raise UserFacingError(
                "连接地址中的 *** 代表已保存的密码，但目前没有保存密码；请在「密码」中填写，或删去「:***」。"
            )
        url = url.set(password=stored)
    return url.render_as_string(hide_password=False)


def load_config(paths: DataPaths) -> ServerConfig | None:
    path = config_file(paths)
    if not path.is_file():
        return None
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        return ServerConfig(normalize_url(str(data["db_url"])), str(data.get("attachments_dir", "")))
    except (OSError, ValueError, KeyError, TypeError, UserFacingError):
        raise UserFacingError(
            f"数据库连接设置文件「{path}」已损坏。请改正或删除它（删除后使用本机数据库）。"
        ) from None


def validate_config(db_url: str, attachments_dir: str) -> ServerConfig:
    folder = attachments_dir.strip()
    if not folder:
        raise UserFacingError(
            "服务器模式下附件要放在各台电脑都能访问的共享文件夹，"
            "请填写共享附件文件夹（如 \\\\服务器\\zwgk附件）。"
        )
    if ".." in Path(folder).parts:
        raise UserFacingError("共享附件文件夹不能包含「..」，请填写完整路径。")
    return ServerConfig(normalize_url(db_url), folder)


def save_config(paths: DataPaths, config: ServerConfig | None) -> None:
    """Write (or, with None, remove) the choice; temp name in the same folder, then rename."""
    path = config_file(paths)
    if config is None:
        path.unlink(missing_ok=True)
        return
    content = json.dumps(asdict(config), ensure_ascii=False, indent=2)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path, prefix=".database-", suffix=".json", mode=PRIVATE) as temp:  # may hold a password
        temp.write_text(content, encoding="utf-8")


def check_connection(db_url: str) -> ConnectionInfo:
    """Connect once: the server version and the schema revision (None for an empty database)."""
    engine = make_engine(normalize_url(db_url))
    try:
        with engine.connect() as connection:
            version = str(connection.execute(text("SHOW server_version")).scalar_one())
            exists = connection.execute(text("SELECT to_regclass('alembic_version')")).scalar()
            revision = (
                connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
                if exists is not None
                else None
            )
    except SQLAlchemyError as error:
        raise UserFacingError(_connection_problem(error, make_url(db_url))) from None
    finally:
        engine.dispose()
    return ConnectionInfo(version, str(revision) if revision is not None else None)


def _connection_problem(error: SQLAlchemyError, url: URL) -> str:
    detail = str(getattr(error, "orig", error)).strip().splitlines()[0][:200]
    if "password" in detail.lower():
        hint = "用户名或密码不对（或密码文件中没有这台服务器的条目）"
    elif "does not exist" in detail:
        hint = "服务器上没有这个数据库或用户，请管理员先创建"
    else:
        hint = "连不上服务器，请检查服务器地址、端口、防火墙以及服务器是否已启动"
    return f"无法连接数据库服务器 {url.host}:{url.port or 5432}：{hint}。（{detail}）"


def resolve(paths: DataPaths, db_url: str | None, attachments_dir: str | None) -> ServerConfig | None:
    """Arguments, then the command line (`--db-url`, `--attachments-dir`), then the saved choice."""
    db_url = db_url if db_url is not None else os.environ.get(ENV_DB_URL) or None
    attachments_dir = attachments_dir if attachments_dir is not None else os.environ.get(ENV_ATTACHMENTS_DIR)
    saved = load_config(paths)
    if db_url is None:
        return validate_config(saved.db_url, attachments_dir) if saved and attachments_dir else saved
    folder = attachments_dir if attachments_dir is not None else (saved.attachments_dir if saved else "")
    return validate_config(db_url, folder)


def attachments_root(paths: DataPaths, config: ServerConfig | None) -> Path:
    """Where attachments live: the data folder on a single PC, the shared folder in server mode."""
    return Path(config.attachments_dir) if config is not None else paths.attachments


def set_process_override(db_url: str | None, attachments_dir: str | None) -> None:
    """What `--db-url` / `--attachments-dir` do: this process (GUI or command) uses them, nothing is saved."""
    if db_url:
        os.environ[ENV_DB_URL] = normalize_url(db_url)
    if attachments_dir:
        os.environ[ENV_ATTACHMENTS_DIR] = attachments_dir


def save_choice(
    actor: Actor, paths: DataPaths, sessions: SessionFactory, config: ServerConfig | None
) -> list[str]:
    """设置 → 数据库 (管理员): save for the next start; the switch is noted in the current database's log.
    Returns warnings for the clerk (a password kept in the file)."""
    require(actor, Perm.EDIT_OFFICE)
    before = load_config(paths)
    save_config(paths, config)
    with sessions.begin() as session:
        record(
            session,
            actor,
            Action.SETTINGS,
            "数据库连接",
            CONFIG_FILE_NAME,
            之前=shown_url(before.db_url) if before else "本机数据库",
            之后=shown_url(config.db_url) if config else "本机数据库",
            附件文件夹=config.attachments_dir if config else "",
        )
    return [PASSWORD_WARNING] if config is not None and has_password(config.db_url) else []
