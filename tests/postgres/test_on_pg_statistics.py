"""tests/services/dashboard/test_statistics.py on PostgreSQL (`ctx`: tests/postgres/conftest.py): the 工作台's
charts once used SQLite's strftime and failed on a PostgreSQL server."""

import pytest

from tests.services.dashboard.test_statistics import *  # noqa: F403

pytestmark = pytest.mark.postgres
