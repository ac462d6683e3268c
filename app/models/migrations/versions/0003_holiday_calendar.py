"""holiday calendar: 放假 / 调休上班 entries and the explicitly covered years

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "holiday_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("source", sa.String(length=120), nullable=False),
        sa.CheckConstraint("kind IN ('放假', '调休上班')", name=op.f("ck_holiday_entries_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_holiday_entries")),
        sa.UniqueConstraint("day", name=op.f("uq_holiday_entries_day")),
    )
    op.create_table(
        "calendar_years",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("source", sa.String(length=120), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "origin IN ('chinesecalendar', 'notice', 'csv')", name=op.f("ck_calendar_years_origin")
        ),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_calendar_years")),
    )


def downgrade() -> None:
    op.drop_table("calendar_years")
    op.drop_table("holiday_entries")
