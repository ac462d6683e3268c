"""tests/services/review/test_review_signers.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.review.test_review_signers import *  # noqa: F403

pytestmark = pytest.mark.postgres
