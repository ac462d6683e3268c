"""年度报告 entered figures, narratives and locked years (issue 9)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "annual_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("regulations_made", sa.Integer(), nullable=False),
        sa.Column("regulations_repealed", sa.Integer(), nullable=False),
        sa.Column("regulations_in_force", sa.Integer(), nullable=False),
        sa.Column("permits", sa.Integer(), nullable=False),
        sa.Column("penalties", sa.Integer(), nullable=False),
        sa.Column("coercions", sa.Integer(), nullable=False),
        sa.Column("fees_wan_yuan", sa.String(length=20), nullable=False),
        sa.Column("prior_carryover_json", sa.Text(), nullable=False),
        sa.Column("narrative_general", sa.Text(), nullable=False),
        sa.Column("narrative_problems", sa.Text(), nullable=False),
        sa.Column("narrative_other", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=4), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("published_by", sa.Integer(), nullable=True),
        sa.Column("snapshot_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.CheckConstraint("status IN ('编制中', '已公布')", name=op.f("ck_annual_reports_status")),
        sa.ForeignKeyConstraint(
            ["published_by"], ["accounts.id"], name=op.f("fk_annual_reports_published_by_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annual_reports")),
        sa.UniqueConstraint("year", name=op.f("uq_annual_reports_year")),
    )


def downgrade() -> None:
    op.drop_table("annual_reports")
