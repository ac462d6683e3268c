"""tests/services/test_search.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.search.test_search import *  # noqa: F403

pytestmark = pytest.mark.postgres
