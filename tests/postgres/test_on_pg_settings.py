"""tests/services/test_settings.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.settings.test_settings import *  # noqa: F403

pytestmark = pytest.mark.postgres
