"""tests/services/report/test_report_timeliness.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.report.test_report_timeliness import *  # noqa: F403

pytestmark = pytest.mark.postgres
