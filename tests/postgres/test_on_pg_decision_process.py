"""tests/services/test_decision_process.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.decisions.test_decision_process import *  # noqa: F403

pytestmark = pytest.mark.postgres
