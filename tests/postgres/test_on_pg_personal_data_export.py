"""tests/services/test_personal_data_export.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.export.test_personal_data_export import *  # noqa: F403

pytestmark = pytest.mark.postgres
