"""tests/services/search/test_search_count_cap.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.search.test_search_count_cap import *  # noqa: F403

pytestmark = pytest.mark.postgres
