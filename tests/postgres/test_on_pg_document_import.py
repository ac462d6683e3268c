"""tests/services/test_document_import.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.documents.test_document_import import *  # noqa: F403

pytestmark = pytest.mark.postgres
