"""tests/services/settings/test_org_code.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.settings.test_org_code import *  # noqa: F403

pytestmark = pytest.mark.postgres
