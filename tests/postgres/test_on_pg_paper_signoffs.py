"""tests/services/review/test_paper_signoffs.py and test_review_checks.py on PostgreSQL (issue 21)."""

import pytest

from tests.services.review.test_paper_signoffs import *  # noqa: F403
from tests.services.review.test_review_checks import *  # noqa: F403

pytestmark = pytest.mark.postgres
