"""tests/services/test_accounts.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.test_accounts import *  # noqa: F403

pytestmark = pytest.mark.postgres
