"""standard catalogue: 基层政务公开标准目录 items per year, links to what satisfies them, publications, villages

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05

Issue 23: each year's catalogue (RULES.md §6 columns) with its parsed 公开时限 rule as JSON; the 公文,
postings, decisions and village postings that answer an item, with the information's 形成 date; publications
on channels the app cannot see itself; the villages (村/社区) and each one's posting of a 村级 item per period.
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "catalogue_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.String(length=20), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("level1", sa.String(length=100), nullable=False),
        sa.Column("level2", sa.String(length=200), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.Column("time_limit", sa.Text(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("rule_corrected", sa.Boolean(), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("channels", sa.String(length=300), nullable=False),
        sa.Column("audience", sa.String(length=50), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("tier", sa.String(length=4), nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("void_reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.CheckConstraint("tier IN ('镇级', '村级')", name=op.f("ck_catalogue_items_tier")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_items")),
        sa.UniqueConstraint("year", "seq", name="year_seq"),
    )
    op.create_index(op.f("ix_catalogue_items_year"), "catalogue_items", ["year"], unique=False)
    op.create_table(
        "catalogue_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("source_kind", sa.String(length=4), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("formed_on", sa.Date(), nullable=False),
        sa.Column("due_override", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.CheckConstraint(
            "source_kind IN ('公文', '公开栏', '决策', '村务')", name=op.f("ck_catalogue_links_source_kind")
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["catalogue_items.id"],
            name=op.f("fk_catalogue_links_item_id_catalogue_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_links")),
        sa.UniqueConstraint("item_id", "source_kind", "source_id", name="item_source"),
    )
    op.create_index(op.f("ix_catalogue_links_item_id"), "catalogue_links", ["item_id"], unique=False)
    op.create_index(
        "ix_catalogue_links_source", "catalogue_links", ["source_kind", "source_id"], unique=False
    )
    op.create_table(
        "villages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("kind", sa.String(length=2), nullable=False),
        sa.Column("board_id", sa.Integer(), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint("kind IN ('村', '社区')", name=op.f("ck_villages_kind")),
        sa.ForeignKeyConstraint(
            ["board_id"], ["board_locations.id"], name=op.f("fk_villages_board_id_board_locations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_villages")),
        sa.UniqueConstraint("name", name=op.f("uq_villages_name")),
    )
    op.create_table(
        "catalogue_publications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("link_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=30), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("attachment_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.ForeignKeyConstraint(
            ["attachment_id"],
            ["attachments.id"],
            name=op.f("fk_catalogue_publications_attachment_id_attachments"),
        ),
        sa.ForeignKeyConstraint(
            ["link_id"],
            ["catalogue_links.id"],
            name=op.f("fk_catalogue_publications_link_id_catalogue_links"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_publications")),
    )
    op.create_index(
        op.f("ix_catalogue_publications_link_id"), "catalogue_publications", ["link_id"], unique=False
    )
    op.create_table(
        "village_postings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("posted_on", sa.Date(), nullable=False),
        sa.Column("photo_id", sa.Integer(), nullable=True),
        sa.Column("checked_by", sa.String(length=50), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["catalogue_items.id"],
            name=op.f("fk_village_postings_item_id_catalogue_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["photo_id"], ["attachments.id"], name=op.f("fk_village_postings_photo_id_attachments")
        ),
        sa.ForeignKeyConstraint(
            ["village_id"], ["villages.id"], name=op.f("fk_village_postings_village_id_villages")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_village_postings")),
        sa.UniqueConstraint("item_id", "village_id", "period", name="item_village_period"),
    )
    op.create_index(op.f("ix_village_postings_item_id"), "village_postings", ["item_id"], unique=False)
    op.create_index("ix_village_postings_period", "village_postings", ["period"], unique=False)
    op.create_index(op.f("ix_village_postings_village_id"), "village_postings", ["village_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_village_postings_village_id"), table_name="village_postings")
    op.drop_index("ix_village_postings_period", table_name="village_postings")
    op.drop_index(op.f("ix_village_postings_item_id"), table_name="village_postings")
    op.drop_table("village_postings")
    op.drop_index(op.f("ix_catalogue_publications_link_id"), table_name="catalogue_publications")
    op.drop_table("catalogue_publications")
    op.drop_table("villages")
    op.drop_index("ix_catalogue_links_source", table_name="catalogue_links")
    op.drop_index(op.f("ix_catalogue_links_item_id"), table_name="catalogue_links")
    op.drop_table("catalogue_links")
    op.drop_index(op.f("ix_catalogue_items_year"), table_name="catalogue_items")
    op.drop_table("catalogue_items")
