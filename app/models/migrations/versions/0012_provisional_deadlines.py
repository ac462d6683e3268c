"""provisional deadlines: the years a cached answer deadline assumed (issue 18)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("request_cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("due_assumed", sa.String(length=40), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("request_cases", schema=None) as batch_op:
        batch_op.drop_column("due_assumed")
