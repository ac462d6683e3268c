"""tests/services/requests/test_request_voiding.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.requests.test_request_voiding import *  # noqa: F403

pytestmark = pytest.mark.postgres
