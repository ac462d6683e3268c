"""tests/services/test_pages_from_end.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.test_pages_from_end import *  # noqa: F403

pytestmark = pytest.mark.postgres
