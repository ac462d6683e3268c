"""tests/services/formats/test_ledger_dates.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.formats.test_ledger_dates import *  # noqa: F403

pytestmark = pytest.mark.postgres
