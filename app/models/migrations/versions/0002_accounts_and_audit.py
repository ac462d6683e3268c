"""accounts and the append-only, hash-chained audit log

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

APPEND_ONLY = ("UPDATE", "DELETE")


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=32), nullable=False),
        sa.Column("display_name", sa.String(length=50), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("roles", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("username", name=op.f("uq_accounts_username")),
    )
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("details_json", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_entries_hash")),
    )
    for column in ("at", "username", "action", "entity"):
        op.create_index(op.f(f"ix_audit_entries_{column}"), "audit_entries", [column], unique=False)
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    # The app never updates or deletes an entry; the database refuses it too.
    if op.get_bind().dialect.name == "postgresql":
        _create_postgresql_triggers()
        return
    for statement in APPEND_ONLY:
        op.execute(
            f"CREATE TRIGGER audit_entries_no_{statement.lower()} BEFORE {statement} ON audit_entries "
            "BEGIN SELECT RAISE(ABORT, '操作日志只能追加，不能修改或删除'); END"
        )


def _create_postgresql_triggers() -> None:
    """The same refusal on PostgreSQL (issue 14): a plpgsql function raising an exception."""
    op.execute(
        "CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION '操作日志只能追加，不能修改或删除' USING ERRCODE = 'integrity_constraint_violation'; "
        "END $$"
    )
    for statement in APPEND_ONLY:
        op.execute(
            f"CREATE TRIGGER audit_entries_no_{statement.lower()} BEFORE {statement} ON audit_entries "
            "FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in APPEND_ONLY:
            op.execute(f"DROP TRIGGER IF EXISTS audit_entries_no_{statement.lower()} ON audit_entries")
        op.execute("DROP FUNCTION IF EXISTS audit_entries_append_only()")
    else:
        for statement in APPEND_ONLY:
            op.execute(f"DROP TRIGGER IF EXISTS audit_entries_no_{statement.lower()}")
    op.drop_table("audit_head")
    for column in ("at", "username", "action", "entity"):
        op.drop_index(op.f(f"ix_audit_entries_{column}"), table_name="audit_entries")
    op.drop_table("audit_entries")
    op.drop_table("accounts")
