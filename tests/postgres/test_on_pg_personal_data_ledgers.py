"""tests/services/test_personal_data_ledgers.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.privacy.test_personal_data_ledgers import *  # noqa: F403

pytestmark = pytest.mark.postgres
