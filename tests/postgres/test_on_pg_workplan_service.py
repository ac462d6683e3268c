"""tests/services/test_workplan_service.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.workplan.test_workplan_service import *  # noqa: F403

pytestmark = pytest.mark.postgres
