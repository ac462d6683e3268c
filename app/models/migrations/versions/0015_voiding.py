"""voiding and publication history: 作废 of documents and letters, each publication of a document kept

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05

A wrongly registered document that others depend on is voided with a reason instead of deleted; a letter
issued by mistake likewise (its 文号 is never reused). A 依申请 case is voided through a timeline event,
so it needs no column. Every published document gets its publication as the first history row.
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("voided_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("void_reason", sa.Text(), server_default="", nullable=False))
        batch_op.create_index(batch_op.f("ix_documents_voided_at"), ["voided_at"], unique=False)
    with op.batch_alter_table("request_letters", schema=None) as batch_op:
        batch_op.add_column(sa.Column("voided_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("void_reason", sa.Text(), server_default="", nullable=False))
    op.create_table(
        "document_publications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("channels", sa.String(length=200), nullable=False),
        sa.Column("sheet_number", sa.String(length=40), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("end_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_publications_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_publications")),
    )
    op.create_index(
        op.f("ix_document_publications_document_id"), "document_publications", ["document_id"], unique=False
    )
    op.execute(
        "INSERT INTO document_publications (document_id, published_at, channels, sheet_number, end_reason) "
        "SELECT id, published_at, channels, '', '' FROM documents WHERE published_at IS NOT NULL"
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_document_publications_document_id"), table_name="document_publications")
    op.drop_table("document_publications")
    with op.batch_alter_table("request_letters", schema=None) as batch_op:
        batch_op.drop_column("void_reason")
        batch_op.drop_column("voided_at")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_voided_at"))
        batch_op.drop_column("void_reason")
        batch_op.drop_column("voided_at")
