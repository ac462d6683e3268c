"""tests/services/requests/letters/test_letter_layout.py on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.requests.letters.test_letter_layout import *  # noqa: F403

pytestmark = pytest.mark.postgres
