"""tests/services/postings/test_posting_times.py on PostgreSQL (`ctx`: tests/postgres/conftest.py): the
seconds of 张贴时间 survive a TIMESTAMP column and compare the same way."""

import pytest

from tests.services.postings.test_posting_times import *  # noqa: F403

pytestmark = pytest.mark.postgres
