"""Open a data folder: create it, migrate the database, and build the services over it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from app.clock import SYSTEM_CLOCK, Clock
from app.models.db import make_engine, make_session_factory
from app.models.migrate import MigrationResult, upgrade_database, upgrade_server
from app.paths import DataPaths
from app.services.accounts.service import AccountService
from app.services.common import SessionFactory
from app.services.documents.taxonomy import seed_taxonomy
from app.services.search.index import SearchIndex
from app.services.search.postgres import index_for
from app.services.settings.service import SettingsService
from app.services.storage.attachments import AttachmentStore
from app.services.storage.folder_care import after_open, before_open
from app.services.storage.server_config import ServerConfig, attachments_root, resolve
from app.services.workdays.service import CalendarService, seed_calendar_from_package

if TYPE_CHECKING:  # feature services load on first use: start-up imports only what the first screen needs
    from app.services.decisions.service import DecisionService
    from app.services.documents.service import DocumentService
    from app.services.documents.taxonomy import TaxonomyService
    from app.services.export.service import ExportService
    from app.services.postings.service import PostingService
    from app.services.report.service import AnnualReportService
    from app.services.requests.service import RequestService
    from app.services.review.sheets import ReviewService
    from app.services.storage.auto_backup import AutoBackupService
    from app.services.workplan.service import WorkplanService


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
    clock: Clock = SYSTEM_CLOCK  # the one clock: services get it through `sessions` (app/clock.py)
    server: ServerConfig | None = None  # None: the SQLite file in the data folder (issue 14)
    search_index: SearchIndex | None = None

    @cached_property
    def decisions(self) -> DecisionService:
        """决策目录 and each decision's process record (built on first use)."""
        from app.services.decisions.service import DecisionService

        return DecisionService(self.sessions, self.settings, self.calendar, self.attachments)

    @cached_property
    def workplan(self) -> WorkplanService:
        """工作要点台账: imported plans, tasks, 科室 and the unit→科室 mapping (built on first use)."""
        from app.services.workplan.service import WorkplanService

        return WorkplanService(self.sessions, self.attachments)

    @cached_property
    def documents(self) -> DocumentService:
        """公文登记, its search index and timers (issue 5)."""
        from app.services.documents.service import DocumentService

        return DocumentService(self.sessions, self.attachments, self.calendar, self.search_index)

    @cached_property
    def reviews(self) -> ReviewService:
        """保密审查单 and their sign-off chain (issue 5)."""
        from app.services.review.sheets import ReviewService

        return ReviewService(self.sessions, self.attachments)

    @cached_property
    def taxonomy(self) -> TaxonomyService:
        """主题分类 / 体裁分类 lists (issue 5)."""
        from app.services.documents.taxonomy import TaxonomyService

        return TaxonomyService(self.sessions)

    @cached_property
    def requests(self) -> RequestService:
        """依申请公开 cases, their steps, letters, remedies and ledger (issue 6)."""
        from app.services.requests.service import RequestService

        return RequestService(self.sessions, self.settings, self.calendar, self.attachments)

    @cached_property
    def postings(self) -> PostingService:
        """公开栏 postings, 公示期, photos and reminders (issue 7)."""
        from app.services.postings.service import PostingService

        return PostingService(self.sessions, self.calendar, self.attachments)

    @cached_property
    def annual_report(self) -> AnnualReportService:
        """年度报告: tables counted from the registers, entered figures, narratives, publication (issue 9)."""
        from app.services.report.service import AnnualReportService

        def summary(year: int) -> str:  # the 工作要点 ledger loads only when a report needs it
            return self.workplan.report_summary(year)

        return AnnualReportService(self.sessions, self.settings, summary)

    @property
    def exports(self) -> ExportService:
        """上报数据包 and the export history (issue 8); rebuilt on use so optional parts stay current."""
        from app.services.export.catalogue.base import CombinedSource
        from app.services.export.catalogue.decisions import DecisionCatalogueSource
        from app.services.export.catalogue.documents import DocumentCatalogueSource
        from app.services.export.catalogue.postings import PostingCatalogueSource
        from app.services.export.parts import annual_report_part, decision_directory_part
        from app.services.export.service import ExportService

        office = self.settings.office()
        org, name = (office.org_code, office.name) if office else ("", "")
        catalogue = CombinedSource(  # a package carries all three registers
            (
                DocumentCatalogueSource(self.sessions),
                PostingCatalogueSource(self.sessions, self.attachments, self.postings.content, org, name),
                DecisionCatalogueSource(self.sessions, org),
            )
        )
        candidates = (
            decision_directory_part(self.decisions, self.clock.today()),
            annual_report_part(self.annual_report),
        )
        parts = [part for part in candidates if part is not None]
        return ExportService(self.sessions, self.attachments, self.settings, catalogue, parts)

    @cached_property
    def auto_backups(self) -> AutoBackupService:
        """Automatic backup generations on exit, at most once a day (issue 8)."""
        from app.services.storage.auto_backup import AutoBackupService

        return AutoBackupService(self.engine, self.paths, self.settings, self.clock)

    def close(self) -> None:
        self.engine.dispose()


def open_data_folder(
    paths: DataPaths,
    db_url: str | None = None,
    attachments_dir: str | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> AppContext:
    """`db_url` (else the folder's database.json) selects a PostgreSQL server instead of the SQLite file;
    `clock` is the one clock every service, page and command of this context reads."""
    before_open(paths)  # a restore a crash interrupted is finished before anything reads the database
    paths.ensure()
    server = resolve(paths, db_url, attachments_dir)
    if server is None:
        migration = upgrade_database(paths.database, paths.backups, clock=clock)
        engine = make_engine(paths.database)
    else:
        migration = upgrade_server(server.db_url)
        engine = make_engine(server.db_url)
    sessions = make_session_factory(engine, clock)
    seed_calendar_from_package(sessions)  # idempotent: only years not yet in the database
    seed_taxonomy(sessions)  # idempotent: the 主题/体裁 seed lists, once
    search_index = index_for(engine)
    search_index.ensure(engine)  # the search index is derived data: built when missing
    after_open(paths, engine, sessions, clock)  # interrupted jobs' temp files; the audit anchor (issue 19)
    return AppContext(
        paths=paths,
        engine=engine,
        sessions=sessions,
        migration=migration,
        settings=SettingsService(sessions),
        attachments=AttachmentStore(sessions, attachments_root(paths, server)),
        accounts=AccountService(sessions),
        calendar=CalendarService(sessions),
        clock=clock,
        server=server,
        search_index=search_index,
    )
