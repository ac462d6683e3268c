"""tests/services/test_posting_personal_data.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.postings.test_posting_personal_data import *  # noqa: F403

pytestmark = pytest.mark.postgres
