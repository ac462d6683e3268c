"""tests/services/test_document_ledger_bulk.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.documents.test_document_ledger_bulk import *  # noqa: F403

pytestmark = pytest.mark.postgres
