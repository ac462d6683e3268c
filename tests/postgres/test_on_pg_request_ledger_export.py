"""tests/services/requests/test_request_ledger_export.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.requests.test_request_ledger_export import *  # noqa: F403

pytestmark = pytest.mark.postgres
