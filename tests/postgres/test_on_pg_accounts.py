"""tests/services/test_accounts.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.accounts.test_accounts import *  # noqa: F403

pytestmark = pytest.mark.postgres
