"""case papers: the papers of a 依申请 case file (案卷) — scans, photos, mailing and service records

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05

Each paper has a kind, the date on it, an EMS/挂号 number and 签收 date where relevant, its file in the
attachment store (optional: a mailing can be recorded by number alone), who added it when, a void, and
the text OCR read from the scan (filled later, in the background).
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "request_papers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("mail_number", sa.String(length=40), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("attachment_id", sa.Integer(), nullable=True),
        sa.Column("added_by", sa.String(length=64), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), server_default="", nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("void_reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["attachment_id"], ["attachments.id"], name=op.f("fk_request_papers_attachment_id_attachments")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["request_cases.id"], name=op.f("fk_request_papers_case_id_request_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_papers")),
    )
    op.create_index(op.f("ix_request_papers_case_id"), "request_papers", ["case_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_request_papers_case_id"), table_name="request_papers")
    op.drop_table("request_papers")
