"""tests/services/test_dashboard.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.dashboard.test_dashboard import *  # noqa: F403

pytestmark = pytest.mark.postgres
