"""tests/services/test_audit_chain.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.audit.test_audit_chain import *  # noqa: F403

pytestmark = pytest.mark.postgres
