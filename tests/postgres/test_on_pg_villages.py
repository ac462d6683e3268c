"""tests/services/catalogue/test_villages.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.catalogue.test_villages import *  # noqa: F403

pytestmark = pytest.mark.postgres
