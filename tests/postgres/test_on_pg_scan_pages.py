"""tests/services/search/test_scan_pages.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.search.test_scan_pages import *  # noqa: F403

pytestmark = pytest.mark.postgres
