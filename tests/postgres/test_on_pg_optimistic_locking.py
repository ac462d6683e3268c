"""tests/services/test_optimistic_locking*.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.storage.test_optimistic_locking import *  # noqa: F403
from tests.services.storage.test_optimistic_locking_records import *  # noqa: F403

pytestmark = pytest.mark.postgres
