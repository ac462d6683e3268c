"""tests/services/catalogue/test_selfcheck.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.catalogue.test_selfcheck import *  # noqa: F403

pytestmark = pytest.mark.postgres
