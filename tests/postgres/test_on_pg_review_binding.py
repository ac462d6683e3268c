"""tests/services/test_review_binding.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.review.test_review_binding import *  # noqa: F403

pytestmark = pytest.mark.postgres
