"""tests/services/test_audit_query.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.audit.test_audit_query import *  # noqa: F403

pytestmark = pytest.mark.postgres
