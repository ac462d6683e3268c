"""Open a data folder: create it, migrate the database, and build the services over it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from app.models.db import make_engine, make_session_factory
from app.models.migrate import MigrationResult, upgrade_database
from app.paths import DataPaths
from app.services.accounts import AccountService
from app.services.attachments import AttachmentStore
from app.services.calendar_service import CalendarService, seed_calendar_from_package
from app.services.common import SessionFactory
from app.services.settings import SettingsService


@dataclass
class AppContext:
    """Everything the UI and CLI need; built once per process by `open_data_folder`."""

    paths: DataPaths
    engine: Engine
    sessions: SessionFactory
    migration: MigrationResult
    settings: SettingsService
    attachments: AttachmentStore
    accounts: AccountService
    calendar: CalendarService

    def close(self) -> None:
        self.engine.dispose()


def open_data_folder(paths: DataPaths) -> AppContext:
    paths.ensure()
    migration = upgrade_database(paths.database, paths.backups)
    engine = make_engine(paths.database)
    sessions = make_session_factory(engine)
    seed_calendar_from_package(sessions)  # idempotent: only years not yet in the database
    return AppContext(
        paths=paths,
        engine=engine,
        sessions=sessions,
        migration=migration,
        settings=SettingsService(sessions),
        attachments=AttachmentStore(sessions, paths.attachments),
        accounts=AccountService(sessions),
        calendar=CalendarService(sessions),
    )
