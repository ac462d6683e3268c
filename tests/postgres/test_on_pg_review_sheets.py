"""tests/services/test_review_sheets.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.review.test_review_sheets import *  # noqa: F403

pytestmark = pytest.mark.postgres
