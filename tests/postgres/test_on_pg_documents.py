"""tests/services/test_documents.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.documents.test_documents import *  # noqa: F403

pytestmark = pytest.mark.postgres
