"""tests/services/catalogue/test_imports.py and test_service.py on PostgreSQL (tests/postgres/conftest.py)."""

import pytest

from tests.services.catalogue.test_imports import *  # noqa: F403
from tests.services.catalogue.test_service import *  # noqa: F403

pytestmark = pytest.mark.postgres
