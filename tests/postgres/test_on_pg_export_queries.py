"""tests/services/export/test_export_queries.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.export.test_export_queries import *  # noqa: F403

pytestmark = pytest.mark.postgres
