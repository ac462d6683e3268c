"""tests/services/workplan/test_recurring_next.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.workplan.test_recurring_next import *  # noqa: F403

pytestmark = pytest.mark.postgres
