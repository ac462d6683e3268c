"""tests/services/requests/test_step_frame.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.requests.test_step_frame import *  # noqa: F403

pytestmark = pytest.mark.postgres
