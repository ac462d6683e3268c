"""工作要点 task ledger (issue 11)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TIMESTAMPS = ("created_at", "updated_at")


def _timestamps() -> list[sa.Column[object]]:
    return [
        sa.Column(name, sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False)
        for name in TIMESTAMPS
    ]


def upgrade() -> None:
    op.create_table(
        "office_sections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office_sections")),
        sa.UniqueConstraint("name", name=op.f("uq_office_sections_name")),
    )
    op.create_table(
        "unit_mappings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_name", sa.String(length=100), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["section_id"], ["office_sections.id"], name=op.f("fk_unit_mappings_section_id_office_sections")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_mappings")),
        sa.UniqueConstraint("unit_name", name=op.f("uq_unit_mappings_unit_name")),
    )
    op.create_table(
        "work_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("source_name", sa.String(length=255), nullable=False),
        sa.Column("preamble", sa.Text(), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_plans")),
    )
    op.create_index(op.f("ix_work_plans_year"), "work_plans", ["year"], unique=False)
    op.create_table(
        "work_plan_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.String(length=40), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("is_task", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["work_plan_items.id"],
            name=op.f("fk_work_plan_items_parent_id_work_plan_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["work_plans.id"],
            name=op.f("fk_work_plan_items_plan_id_work_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_plan_items")),
    )
    op.create_index(op.f("ix_work_plan_items_plan_id"), "work_plan_items", ["plan_id"], unique=False)
    op.create_table(
        "work_tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("instance", sa.Integer(), nullable=False),
        sa.Column("instance_count", sa.Integer(), nullable=False),
        sa.Column("heading_path", sa.Text(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("due_text", sa.String(length=100), nullable=False),
        sa.Column("frequency", sa.String(length=50), nullable=False),
        sa.Column("needs_review", sa.Boolean(), nullable=False),
        sa.Column("review_note", sa.Text(), nullable=False),
        sa.Column("lead_units", sa.Text(), nullable=False),
        sa.Column("responsible_units", sa.Text(), nullable=False),
        sa.Column("cooperating_units", sa.Text(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=True),
        sa.Column("assignee", sa.String(length=50), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        *_timestamps(),
        sa.CheckConstraint(
            "status IN ('未开始', '进行中', '已完成', '不适用')", name=op.f("ck_work_tasks_status")
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["work_plan_items.id"],
            name=op.f("fk_work_tasks_item_id_work_plan_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["work_plans.id"], name=op.f("fk_work_tasks_plan_id_work_plans"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["section_id"], ["office_sections.id"], name=op.f("fk_work_tasks_section_id_office_sections")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_tasks")),
    )
    for column in ("plan_id", "item_id", "section_id"):
        op.create_index(op.f(f"ix_work_tasks_{column}"), "work_tasks", [column], unique=False)
    op.create_index("ix_work_tasks_year_status_due", "work_tasks", ["year", "status", "due"], unique=False)
    op.create_table(
        "work_task_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["work_tasks.id"],
            name=op.f("fk_work_task_notes_task_id_work_tasks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_task_notes")),
    )
    op.create_index(op.f("ix_work_task_notes_task_id"), "work_task_notes", ["task_id"], unique=False)
    op.create_table(
        "work_task_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("reference", sa.String(length=300), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=True),
        sa.Column("attachment_id", sa.Integer(), nullable=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "kind IN ('公文', '公开栏张贴', '决策事项', '上传文件', '网址', '其他')",
            name=op.f("ck_work_task_evidence_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["attachment_id"],
            ["attachments.id"],
            name=op.f("fk_work_task_evidence_attachment_id_attachments"),
        ),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["work_tasks.id"],
            name=op.f("fk_work_task_evidence_task_id_work_tasks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_task_evidence")),
    )
    op.create_index(op.f("ix_work_task_evidence_task_id"), "work_task_evidence", ["task_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_work_task_evidence_task_id"), table_name="work_task_evidence")
    op.drop_table("work_task_evidence")
    op.drop_index(op.f("ix_work_task_notes_task_id"), table_name="work_task_notes")
    op.drop_table("work_task_notes")
    op.drop_index("ix_work_tasks_year_status_due", table_name="work_tasks")
    for column in ("plan_id", "item_id", "section_id"):
        op.drop_index(op.f(f"ix_work_tasks_{column}"), table_name="work_tasks")
    op.drop_table("work_tasks")
    op.drop_index(op.f("ix_work_plan_items_plan_id"), table_name="work_plan_items")
    op.drop_table("work_plan_items")
    op.drop_index(op.f("ix_work_plans_year"), table_name="work_plans")
    op.drop_table("work_plans")
    op.drop_table("unit_mappings")
    op.drop_table("office_sections")
