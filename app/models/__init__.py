"""SQLAlchemy models. Importing this package registers every table on Base.metadata."""

# Feature modules register their tables on Base.metadata when imported.
from app.models import (  # noqa: F401
    annual_report,
    catalogue,
    decision,
    document,
    export,
    posting,
    request,
    workplan,
)
from app.models.account import Account
from app.models.attachment import Attachment
from app.models.audit import AuditEntry, AuditHead
from app.models.base import Base
from app.models.holiday import CalendarYear, HolidayEntry
from app.models.office import BoardLocation, OfficeProfile, Setting

__all__ = [
    "Account",
    "Attachment",
    "AuditEntry",
    "AuditHead",
    "Base",
    "BoardLocation",
    "CalendarYear",
    "HolidayEntry",
    "OfficeProfile",
    "Setting",
]
