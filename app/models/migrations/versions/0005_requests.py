"""依申请公开 cases, applicants, events, letters (issue 6)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

CASE_INDEXES = (
    "applicant_id",
    "applicant_type",
    "applicant_name",
    "received_on",
    "status",
    "department",
    "due_on",
    "outcome",
    "closed_on",
)


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "applicants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("applicant_type", sa.String(length=20), nullable=False),
        sa.Column("id_type", sa.String(length=30), nullable=False),
        sa.Column("id_number", sa.String(length=40), nullable=False),
        sa.Column("contact", sa.String(length=200), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applicants")),
    )
    op.create_index(op.f("ix_applicants_id_number"), "applicants", ["id_number"], unique=False)
    op.create_table(
        "request_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=60), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("applicant_id", sa.Integer(), nullable=False),
        sa.Column("applicant_type", sa.String(length=20), nullable=False),
        sa.Column("applicant_name", sa.String(length=100), nullable=False),
        sa.Column("id_type", sa.String(length=30), nullable=False),
        sa.Column("id_number", sa.String(length=40), nullable=False),
        sa.Column("contact", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("form_requested", sa.String(length=200), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("arrived_at", sa.DateTime(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("department", sa.String(length=60), nullable=False),
        sa.Column("internal_due", sa.Date(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("due_problem", sa.String(length=200), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=True),
        sa.Column("outcome_basis", sa.Text(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("source_row", sa.String(length=40), nullable=False),
        *_timestamps(),
        sa.ForeignKeyConstraint(
            ["applicant_id"], ["applicants.id"], name=op.f("fk_request_cases_applicant_id_applicants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_cases")),
        sa.UniqueConstraint("number", name=op.f("uq_request_cases_number")),
    )
    for column in CASE_INDEXES:
        op.create_index(op.f(f"ix_request_cases_{column}"), "request_cases", [column], unique=False)
    op.create_index(op.f("ix_request_cases_status_due"), "request_cases", ["status", "due_on"], unique=False)
    op.create_index(op.f("ix_request_cases_year_seq"), "request_cases", ["year", "seq"], unique=False)
    op.create_table(
        "request_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=50), nullable=False),
        sa.Column("data_json", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["request_cases.id"], name=op.f("fk_request_events_case_id_request_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_events")),
    )
    op.create_index(op.f("ix_request_events_case_id"), "request_events", ["case_id"], unique=False)
    op.create_table(
        "request_letters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("number", sa.String(length=60), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("attachment_id", sa.Integer(), nullable=False),
        sa.Column("template_version", sa.Integer(), nullable=False),
        sa.Column("issued_by", sa.String(length=64), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attachment_id"], ["attachments.id"], name=op.f("fk_request_letters_attachment_id_attachments")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["request_cases.id"], name=op.f("fk_request_letters_case_id_request_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_letters")),
        sa.UniqueConstraint("number", name=op.f("uq_request_letters_number")),
    )
    op.create_index(op.f("ix_request_letters_case_id"), "request_letters", ["case_id"], unique=False)
    op.create_table(
        "request_remedies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("filed_on", sa.Date(), nullable=False),
        sa.Column("body", sa.String(length=100), nullable=False),
        sa.Column("result", sa.String(length=10), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        *_timestamps(),
        sa.ForeignKeyConstraint(
            ["case_id"], ["request_cases.id"], name=op.f("fk_request_remedies_case_id_request_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_remedies")),
    )
    op.create_index(op.f("ix_request_remedies_case_id"), "request_remedies", ["case_id"], unique=False)
    op.create_table(
        "letter_template_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("saved_by", sa.String(length=64), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_template_versions")),
        sa.UniqueConstraint("kind", "version", name=op.f("uq_letter_template_versions_kind_version")),
    )
    op.create_table(
        "request_counters",
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("scope", "year", name=op.f("pk_request_counters")),
    )


def downgrade() -> None:
    op.drop_table("request_counters")
    op.drop_table("letter_template_versions")
    op.drop_index(op.f("ix_request_remedies_case_id"), table_name="request_remedies")
    op.drop_table("request_remedies")
    op.drop_index(op.f("ix_request_letters_case_id"), table_name="request_letters")
    op.drop_table("request_letters")
    op.drop_index(op.f("ix_request_events_case_id"), table_name="request_events")
    op.drop_table("request_events")
    op.drop_index(op.f("ix_request_cases_year_seq"), table_name="request_cases")
    op.drop_index(op.f("ix_request_cases_status_due"), table_name="request_cases")
    for column in CASE_INDEXES:
        op.drop_index(op.f(f"ix_request_cases_{column}"), table_name="request_cases")
    op.drop_table("request_cases")
    op.drop_index(op.f("ix_applicants_id_number"), table_name="applicants")
    op.drop_table("applicants")
