"""tests/services/documents/test_document_issuer.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.documents.test_document_issuer import *  # noqa: F403

pytestmark = pytest.mark.postgres
