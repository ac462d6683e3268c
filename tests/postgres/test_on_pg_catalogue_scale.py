"""The compliance check's one-pass read on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.catalogue.test_compliance_scale import *  # noqa: F403

pytestmark = pytest.mark.postgres
