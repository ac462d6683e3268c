"""tests/services/documents/test_ledger_bulk_save.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.documents.test_ledger_bulk_save import *  # noqa: F403

pytestmark = pytest.mark.postgres
