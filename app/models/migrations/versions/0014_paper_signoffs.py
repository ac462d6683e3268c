"""paper sign-offs: a review step recorded from the signed paper sheet; notes on 审查要点 answered 是

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05

A step is either signed in the app by its own account (source 系统内) or recorded by the clerk from the
paper sheet (source 纸质): the real signer's name and role, the date written on the sheet, the scan, and
who recorded it when. Existing sign-offs were all signed in the app. Existing sheets keep their stored
审查要点 answers as they are.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("review_signoffs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", sa.String(length=6), server_default="系统内", nullable=False))
        batch_op.add_column(sa.Column("signer_role", sa.String(length=50), server_default="", nullable=False))
        batch_op.add_column(sa.Column("paper_signed_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("recorded_by", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("recorded_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("scan_attachment_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_review_signoffs_recorded_by_accounts"), "accounts", ["recorded_by"], ["id"]
        )
        batch_op.create_foreign_key(
            op.f("fk_review_signoffs_scan_attachment_id_attachments"),
            "attachments",
            ["scan_attachment_id"],
            ["id"],
        )
        batch_op.create_check_constraint(op.f("ck_review_signoffs_source"), "source IN ('系统内', '纸质')")
    with op.batch_alter_table("review_sheets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("check_notes_json", sa.Text(), server_default="{}", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("review_sheets", schema=None) as batch_op:
        batch_op.drop_column("check_notes_json")
    with op.batch_alter_table("review_signoffs", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_review_signoffs_source"), type_="check")
        batch_op.drop_constraint(
            op.f("fk_review_signoffs_scan_attachment_id_attachments"), type_="foreignkey"
        )
        batch_op.drop_constraint(op.f("fk_review_signoffs_recorded_by_accounts"), type_="foreignkey")
        batch_op.drop_column("scan_attachment_id")
        batch_op.drop_column("recorded_at")
        batch_op.drop_column("recorded_by")
        batch_op.drop_column("paper_signed_on")
        batch_op.drop_column("signer_role")
        batch_op.drop_column("source")
