"""lists: an index for every sortable column, so any page of a 1,000,000-row list is one indexed read

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06

The register lists only documents that are not voided, so its sort indexes are partial (WHERE voided_at
IS NULL): SQLite and PostgreSQL walk them in list order without sorting, and an OFFSET into the middle
walks the index alone (issue 24); the full index on voided_at becomes a partial one of the voided few. Tasks are listed per year, so their sort indexes start with the year.
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

DOCUMENT_SORTS = ("id", "index_no", "doc_number", "title", "written_on", "published_at")
ACTIVE = "voided_at IS NULL"
VOIDED = "voided_at IS NOT NULL"


def upgrade() -> None:
    for column in DOCUMENT_SORTS:
        op.create_index(
            f"ix_documents_active_{column}",
            "documents",
            [column] if column == "id" else [column, "id"],
            sqlite_where=sa.text(ACTIVE),
            postgresql_where=sa.text(ACTIVE),
        )
    op.create_index("ix_documents_updated_at", "documents", ["updated_at"])
    # A full index on voided_at (NULL for nearly every row) made SQLite's planner pick it and sort the
    # whole register; only the few voided documents need one (the 作废 list, the register's count).
    op.drop_index("ix_documents_voided_at", table_name="documents")
    op.create_index(
        "ix_documents_voided",
        "documents",
        ["voided_at"],
        sqlite_where=sa.text(VOIDED),
        postgresql_where=sa.text(VOIDED),
    )
    op.create_index("ix_work_tasks_year_id", "work_tasks", ["year", "id"])
    op.create_index("ix_work_tasks_year_title", "work_tasks", ["year", "title", "id"])
    op.create_index("ix_work_tasks_year_due_id", "work_tasks", ["year", "due", "id"])


def downgrade() -> None:
    for name in ("ix_work_tasks_year_due_id", "ix_work_tasks_year_title", "ix_work_tasks_year_id"):
        op.drop_index(name, table_name="work_tasks")
    op.drop_index("ix_documents_voided", table_name="documents")
    op.create_index("ix_documents_voided_at", "documents", ["voided_at"])
    op.drop_index("ix_documents_updated_at", table_name="documents")
    for column in DOCUMENT_SORTS:
        op.drop_index(f"ix_documents_active_{column}", table_name="documents")
