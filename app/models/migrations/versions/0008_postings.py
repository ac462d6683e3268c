"""公开栏 postings, boards, evidence photos (issue 7)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

POSTING_INDEXES = ("period_start", "period_end", "status")


def _timestamps() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "postings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("source_kind", sa.String(length=30), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("unit", sa.String(length=100), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("phone", sa.String(length=100), nullable=False),
        sa.Column("qr_url", sa.String(length=500), nullable=False),
        sa.Column("paper", sa.String(length=2), nullable=False),
        sa.Column("period_preset", sa.String(length=20), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("responsible", sa.String(length=50), nullable=False),
        sa.Column("status", sa.String(length=6), nullable=False),
        sa.Column("posted_at", sa.DateTime(), nullable=True),
        sa.Column("clearance", sa.String(length=100), nullable=False),
        sa.Column("removed_on", sa.Date(), nullable=True),
        sa.Column("early_removal_reason", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        *_timestamps(),
        sa.CheckConstraint("status IN ('待张贴', '张贴中', '已撤除存档')", name=op.f("ck_postings_status")),
        sa.CheckConstraint(
            "source_kind IN ('free', 'document', 'decision_directory', 'request_release')",
            name=op.f("ck_postings_source_kind"),
        ),
        sa.CheckConstraint("paper IN ('A4', 'A3')", name=op.f("ck_postings_paper")),
        sa.ForeignKeyConstraint(
            ["created_by"], ["accounts.id"], name=op.f("fk_postings_created_by_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_postings")),
    )
    for column in POSTING_INDEXES:
        op.create_index(op.f(f"ix_postings_{column}"), "postings", [column], unique=False)
    op.create_table(
        "posting_boards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("posting_id", sa.Integer(), nullable=False),
        sa.Column("board_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["board_id"], ["board_locations.id"], name=op.f("fk_posting_boards_board_id_board_locations")
        ),
        sa.ForeignKeyConstraint(
            ["posting_id"],
            ["postings.id"],
            name=op.f("fk_posting_boards_posting_id_postings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_posting_boards")),
        sa.UniqueConstraint("posting_id", "board_id", name="uq_posting_boards_posting_board"),
    )
    for column in ("posting_id", "board_id"):
        op.create_index(op.f(f"ix_posting_boards_{column}"), "posting_boards", [column], unique=False)
    op.create_table(
        "posting_photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("posting_id", sa.Integer(), nullable=False),
        sa.Column("attachment_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=2), nullable=False),
        sa.Column("board_id", sa.Integer(), nullable=True),
        sa.Column("taken_at", sa.DateTime(), nullable=True),
        sa.Column("taken_source", sa.String(length=10), nullable=False),
        *_timestamps(),
        sa.CheckConstraint("stage IN ('张贴', '撤除')", name=op.f("ck_posting_photos_stage")),
        sa.ForeignKeyConstraint(
            ["attachment_id"], ["attachments.id"], name=op.f("fk_posting_photos_attachment_id_attachments")
        ),
        sa.ForeignKeyConstraint(
            ["board_id"], ["board_locations.id"], name=op.f("fk_posting_photos_board_id_board_locations")
        ),
        sa.ForeignKeyConstraint(
            ["posting_id"],
            ["postings.id"],
            name=op.f("fk_posting_photos_posting_id_postings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_posting_photos")),
    )
    op.create_index(op.f("ix_posting_photos_posting_id"), "posting_photos", ["posting_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_posting_photos_posting_id"), table_name="posting_photos")
    op.drop_table("posting_photos")
    for column in ("posting_id", "board_id"):
        op.drop_index(op.f(f"ix_posting_boards_{column}"), table_name="posting_boards")
    op.drop_table("posting_boards")
    for column in POSTING_INDEXES:
        op.drop_index(op.f(f"ix_postings_{column}"), table_name="postings")
    op.drop_table("postings")
