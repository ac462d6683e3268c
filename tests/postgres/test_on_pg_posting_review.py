"""tests/services/test_posting_review.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.postings.test_posting_review import *  # noqa: F403

pytestmark = pytest.mark.postgres
