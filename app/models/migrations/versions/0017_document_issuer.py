"""documents: 发文机关 (issuer) and 主送 (addressee), read from a 公文's 红头 and kept on save

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05

Older rows get '' (not read, or registered before these fields existed).
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("issuer", sa.String(length=100), server_default="", nullable=False))
        batch.add_column(sa.Column("addressee", sa.String(length=300), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("addressee")
        batch.drop_column("issuer")
