"""tests/services/test_integrity.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.storage.test_integrity import *  # noqa: F403

pytestmark = pytest.mark.postgres
