"""tests/services/test_decisions.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.decisions.test_decisions import *  # noqa: F403

pytestmark = pytest.mark.postgres
