"""上报导出 export history and backup generations (issue 8)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("built_at", sa.DateTime(), nullable=False),
        sa.Column("mode", sa.String(length=10), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=True),
        sa.Column("file_name", sa.String(length=1000), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("package_size", sa.BigInteger(), nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.Column("file_count", sa.Integer(), nullable=False),
        sa.Column("parts", sa.String(length=200), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.CheckConstraint("mode IN ('全部', '增量', '指定日期起')", name=op.f("ck_exports_mode")),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_exports_account_id_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exports")),
    )
    op.create_index(op.f("ix_exports_built_at"), "exports", ["built_at"], unique=False)
    op.create_table(
        "export_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("export_id", sa.Integer(), nullable=False),
        sa.Column("item_kind", sa.String(length=30), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("index_no", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("file_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["export_id"], ["exports.id"], name=op.f("fk_export_items_export_id_exports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_items")),
    )
    op.create_index(op.f("ix_export_items_export_id"), "export_items", ["export_id"], unique=False)
    op.create_index(op.f("ix_export_items_item_id"), "export_items", ["item_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_export_items_item_id"), table_name="export_items")
    op.drop_index(op.f("ix_export_items_export_id"), table_name="export_items")
    op.drop_table("export_items")
    op.drop_index(op.f("ix_exports_built_at"), table_name="exports")
    op.drop_table("exports")
