"""公文登记、保密审查单、政策解读、主题分类 (issue 5)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

DOCUMENT_INDEXES = ("disclosure", "doc_number", "interprets_id", "published_at", "written_on")
SHEET_INDEXES = ("item_id", "item_kind", "status")


def _timestamps() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "index_counters",
        sa.Column("scope", sa.String(length=100), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("scope", name=op.f("pk_index_counters")),
    )
    op.create_table(
        "taxonomy_terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=4), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint("kind IN ('主题', '体裁')", name=op.f("ck_taxonomy_terms_kind")),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["taxonomy_terms.id"],
            name=op.f("fk_taxonomy_terms_parent_id_taxonomy_terms"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_taxonomy_terms")),
        sa.UniqueConstraint("kind", "parent_id", "name", name="uq_taxonomy_terms_kind_parent_name"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("index_no", sa.String(length=64), nullable=False),
        sa.Column("doc_number", sa.String(length=60), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("publisher", sa.String(length=100), nullable=False),
        sa.Column("written_on", sa.Date(), nullable=True),
        sa.Column("changed_on", sa.Date(), nullable=True),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("disclosure", sa.String(length=10), nullable=False),
        sa.Column("withhold_reason", sa.Text(), nullable=False),
        sa.Column("withhold_basis", sa.String(length=20), nullable=False),
        sa.Column("topic", sa.String(length=100), nullable=False),
        sa.Column("genre", sa.String(length=20), nullable=False),
        sa.Column("normative", sa.Boolean(), nullable=False),
        sa.Column("validity", sa.String(length=4), nullable=False),
        sa.Column("validity_date", sa.Date(), nullable=True),
        sa.Column("channels", sa.String(length=200), nullable=False),
        sa.Column("interprets_id", sa.Integer(), nullable=True),
        sa.Column("publish_limit_days", sa.Integer(), nullable=True),
        sa.Column("next_review_on", sa.Date(), nullable=True),
        sa.Column("history_note", sa.String(length=300), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        *_timestamps(),
        sa.CheckConstraint(
            "disclosure IN ('主动公开', '依申请公开', '不予公开')", name=op.f("ck_documents_disclosure")
        ),
        sa.CheckConstraint("validity IN ('有效', '废止', '失效')", name=op.f("ck_documents_validity")),
        sa.ForeignKeyConstraint(
            ["created_by"], ["accounts.id"], name=op.f("fk_documents_created_by_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["interprets_id"],
            ["documents.id"],
            name=op.f("fk_documents_interprets_id_documents"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("index_no", name=op.f("uq_documents_index_no")),
    )
    for column in DOCUMENT_INDEXES:
        op.create_index(op.f(f"ix_documents_{column}"), "documents", [column], unique=False)
    op.create_table(
        "document_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("attachment_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attachment_id"], ["attachments.id"], name=op.f("fk_document_files_attachment_id_attachments")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_files_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_files")),
    )
    op.create_index(op.f("ix_document_files_document_id"), "document_files", ["document_id"], unique=False)
    op.create_table(
        "review_sheets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("item_kind", sa.String(length=30), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("item_title", sa.String(length=500), nullable=False),
        sa.Column("doc_number", sa.String(length=60), nullable=False),
        sa.Column("unit", sa.String(length=100), nullable=False),
        sa.Column("carrier", sa.String(length=10), nullable=False),
        sa.Column("disclosure", sa.String(length=10), nullable=False),
        sa.Column("withhold_reason", sa.Text(), nullable=False),
        sa.Column("channels", sa.String(length=200), nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=True),
        sa.Column("filled_on", sa.Date(), nullable=False),
        sa.Column("checks_json", sa.Text(), nullable=False),
        sa.Column("steps", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=6), nullable=False),
        sa.Column("conclusion", sa.String(length=20), nullable=False),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        *_timestamps(),
        sa.CheckConstraint(
            "status IN ('草稿', '审查中', '已通过', '未通过')", name=op.f("ck_review_sheets_status")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["accounts.id"], name=op.f("fk_review_sheets_created_by_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_sheets")),
        sa.UniqueConstraint("number", name=op.f("uq_review_sheets_number")),
    )
    for column in SHEET_INDEXES:
        op.create_index(op.f(f"ix_review_sheets_{column}"), "review_sheets", [column], unique=False)
    op.create_table(
        "review_signoffs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sheet_id", sa.Integer(), nullable=False),
        sa.Column("step_no", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=20), nullable=False),
        sa.Column("agreed", sa.Boolean(), nullable=False),
        sa.Column("opinion", sa.Text(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("signer_name", sa.String(length=50), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_review_signoffs_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["sheet_id"],
            ["review_sheets.id"],
            name=op.f("fk_review_signoffs_sheet_id_review_sheets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_signoffs")),
        sa.UniqueConstraint("sheet_id", "step_no", name="uq_review_signoffs_sheet_step"),
    )
    op.create_index(op.f("ix_review_signoffs_sheet_id"), "review_signoffs", ["sheet_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_review_signoffs_sheet_id"), table_name="review_signoffs")
    op.drop_table("review_signoffs")
    for column in SHEET_INDEXES:
        op.drop_index(op.f(f"ix_review_sheets_{column}"), table_name="review_sheets")
    op.drop_table("review_sheets")
    op.drop_index(op.f("ix_document_files_document_id"), table_name="document_files")
    op.drop_table("document_files")
    for column in DOCUMENT_INDEXES:
        op.drop_index(op.f(f"ix_documents_{column}"), table_name="documents")
    op.drop_table("documents")
    op.drop_table("taxonomy_terms")
    op.drop_table("index_counters")
