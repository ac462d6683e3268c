"""tests/services/test_requests.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.requests.test_requests import *  # noqa: F403

pytestmark = pytest.mark.postgres
