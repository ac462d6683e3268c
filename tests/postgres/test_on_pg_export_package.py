"""tests/services/test_export_package.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.export.test_export_package import *  # noqa: F403

pytestmark = pytest.mark.postgres
