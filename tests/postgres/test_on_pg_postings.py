"""tests/services/test_postings.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.postings.test_postings import *  # noqa: F403

pytestmark = pytest.mark.postgres
