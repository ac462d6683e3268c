"""tests/services/test_document_ledger.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.documents.test_document_ledger import *  # noqa: F403

pytestmark = pytest.mark.postgres
