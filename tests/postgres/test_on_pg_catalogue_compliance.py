"""Links, compliance and the 工作台 catalogue alerts on PostgreSQL (`ctx`: tests/postgres/conftest.py)."""

import pytest

from tests.services.catalogue.test_compliance import *  # noqa: F403
from tests.services.catalogue.test_links import *  # noqa: F403
from tests.services.dashboard.test_catalogue_alerts import *  # noqa: F403

pytestmark = pytest.mark.postgres
