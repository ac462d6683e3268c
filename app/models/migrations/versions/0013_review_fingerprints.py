"""review fingerprints: a 保密审查单 records what it reviewed; imported history records what it covered

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08

Sheets and history rows written before this revision get an empty fingerprint: nothing records what they
reviewed, so the gate treats their items as 待审查 until they are reviewed again (issue 19). A document
that stops being 主动公开 records when: approvals from before then no longer clear it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("review_sheets", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("content_fingerprint", sa.String(length=64), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("content_json", sa.Text(), server_default="", nullable=False))
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("history_fingerprint", sa.String(length=64), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("history_content", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("withdrawn_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("withdrawn_at")
        batch_op.drop_column("history_content")
        batch_op.drop_column("history_fingerprint")
    with op.batch_alter_table("review_sheets", schema=None) as batch_op:
        batch_op.drop_column("content_json")
        batch_op.drop_column("content_fingerprint")
