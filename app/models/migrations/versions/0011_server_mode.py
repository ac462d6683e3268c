"""optimistic version columns and server-mode support (issue 14)

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# Records several clerks may edit at once; app/models/versioning.py (VersionedMixin) maps the column.
VERSIONED_TABLES = ("documents", "request_cases", "review_sheets", "postings", "decision_items")


def upgrade() -> None:
    for table in VERSIONED_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))


def downgrade() -> None:
    for table in reversed(VERSIONED_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
