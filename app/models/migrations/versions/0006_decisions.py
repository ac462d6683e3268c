"""重大行政决策事项目录 and procedure records (issue 10)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _timestamps() -> list[sa.Column[sa.DateTime]]:
    return [
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "decision_directories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("doc_number", sa.String(length=60), nullable=False),
        *_timestamps(),
        sa.CheckConstraint("status IN ('编制中', '已公布')", name=op.f("ck_decision_directories_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_directories")),
        sa.UniqueConstraint("year", name=op.f("uq_decision_directories_year")),
    )
    op.create_table(
        "decision_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("directory_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("subject", sa.String(length=100), nullable=False),
        sa.Column("undertaker", sa.String(length=100), nullable=False),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.Column("public_participation", sa.Boolean(), nullable=False),
        sa.Column("expert_review", sa.Boolean(), nullable=False),
        sa.Column("risk_assessment", sa.Boolean(), nullable=False),
        sa.Column("legality_review", sa.Boolean(), nullable=False),
        sa.Column("collective_decision", sa.Boolean(), nullable=False),
        sa.Column("hearing", sa.Boolean(), nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        *_timestamps(),
        sa.CheckConstraint("status IN ('有效', '已撤销')", name=op.f("ck_decision_items_status")),
        sa.ForeignKeyConstraint(
            ["directory_id"],
            ["decision_directories.id"],
            name=op.f("fk_decision_items_directory_id_decision_directories"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_items")),
        sa.UniqueConstraint("directory_id", "seq", name=op.f("uq_decision_items_directory_seq")),
    )
    op.create_index(op.f("ix_decision_items_directory_id"), "decision_items", ["directory_id"], unique=False)
    op.create_table(
        "decision_adjustments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("directory_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("adjusted_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.CheckConstraint("kind IN ('增补', '调整', '撤销')", name=op.f("ck_decision_adjustments_kind")),
        sa.ForeignKeyConstraint(
            ["directory_id"],
            ["decision_directories.id"],
            name=op.f("fk_decision_adjustments_directory_id_decision_directories"),
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["decision_items.id"], name=op.f("fk_decision_adjustments_item_id_decision_items")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_adjustments")),
    )
    op.create_index(
        op.f("ix_decision_adjustments_directory_id"), "decision_adjustments", ["directory_id"], unique=False
    )
    op.create_table(
        "decision_stages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("channels", sa.String(length=200), nullable=False),
        sa.Column("people", sa.Text(), nullable=False),
        sa.Column("opinions_received", sa.Integer(), nullable=True),
        sa.Column("opinions_adopted", sa.Integer(), nullable=True),
        sa.Column("not_adopted_reasons", sa.Text(), nullable=False),
        sa.Column("exception_reason", sa.Text(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("dissent", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        *_timestamps(),
        sa.ForeignKeyConstraint(
            ["item_id"], ["decision_items.id"], name=op.f("fk_decision_stages_item_id_decision_items")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_stages")),
        sa.UniqueConstraint("item_id", "stage", name=op.f("uq_decision_stages_item_stage")),
    )
    op.create_index(op.f("ix_decision_stages_item_id"), "decision_stages", ["item_id"], unique=False)
    op.create_table(
        "decision_stage_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stage_id", sa.Integer(), nullable=False),
        sa.Column("attachment_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attachment_id"],
            ["attachments.id"],
            name=op.f("fk_decision_stage_attachments_attachment_id_attachments"),
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"],
            ["decision_stages.id"],
            name=op.f("fk_decision_stage_attachments_stage_id_decision_stages"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_stage_attachments")),
        sa.UniqueConstraint(
            "stage_id", "attachment_id", name=op.f("uq_decision_stage_attachments_stage_attachment")
        ),
    )
    op.create_index(
        op.f("ix_decision_stage_attachments_stage_id"),
        "decision_stage_attachments",
        ["stage_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_decision_stage_attachments_stage_id"), table_name="decision_stage_attachments")
    op.drop_table("decision_stage_attachments")
    op.drop_index(op.f("ix_decision_stages_item_id"), table_name="decision_stages")
    op.drop_table("decision_stages")
    op.drop_index(op.f("ix_decision_adjustments_directory_id"), table_name="decision_adjustments")
    op.drop_table("decision_adjustments")
    op.drop_index(op.f("ix_decision_items_directory_id"), table_name="decision_items")
    op.drop_table("decision_items")
    op.drop_table("decision_directories")
