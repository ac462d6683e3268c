"""tests/services/settings/test_registry.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.settings.test_registry import *  # noqa: F403

pytestmark = pytest.mark.postgres
