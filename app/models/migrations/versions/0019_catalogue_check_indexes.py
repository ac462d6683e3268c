"""catalogue: covering indexes for the compliance check (issue 23: 300 items × 50,000 links in ≤ 200 ms)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06

The check reads a year's links in (item, 形成日期) order and every recorded publication of them; with these
indexes SQLite answers both from the index alone, without sorting.
"""

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

LINKS_COLUMNS = ["item_id", "formed_on", "id", "source_kind", "source_id", "due_override"]
PUBLICATIONS_COLUMNS = ["link_id", "channel", "published_on"]


def upgrade() -> None:
    op.create_index("ix_catalogue_links_item_formed", "catalogue_links", LINKS_COLUMNS)
    op.create_index("ix_catalogue_publications_link_channel", "catalogue_publications", PUBLICATIONS_COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_catalogue_publications_link_channel", table_name="catalogue_publications")
    op.drop_index("ix_catalogue_links_item_formed", table_name="catalogue_links")
