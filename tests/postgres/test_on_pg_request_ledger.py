"""tests/services/test_request_ledger.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.requests.test_request_ledger import *  # noqa: F403

pytestmark = pytest.mark.postgres
