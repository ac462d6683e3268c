"""SQLAlchemy models. Importing this package registers every table on Base.metadata."""

from app.models.attachment import Attachment
from app.models.base import Base
from app.models.office import BoardLocation, OfficeProfile, Setting

__all__ = ["Attachment", "Base", "BoardLocation", "OfficeProfile", "Setting"]
