"""tests/services/test_history_import.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.documents.test_history_import import *  # noqa: F403

pytestmark = pytest.mark.postgres
