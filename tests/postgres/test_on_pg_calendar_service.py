"""tests/services/test_calendar_service.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.workdays.test_calendar_service import *  # noqa: F403

pytestmark = pytest.mark.postgres
