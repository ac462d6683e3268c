"""tests/services/documents/test_document_voiding.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.documents.test_document_voiding import *  # noqa: F403

pytestmark = pytest.mark.postgres
