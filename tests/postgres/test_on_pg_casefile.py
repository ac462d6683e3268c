"""tests/services/requests/casefile on PostgreSQL (issue 22): papers, the 案卷 PDF and the year batch."""

import pytest

from tests.services.requests.casefile.test_case_papers import *  # noqa: F403
from tests.services.requests.casefile.test_casefile_batch import *  # noqa: F403
from tests.services.requests.casefile.test_casefile_pdf import *  # noqa: F403

pytestmark = pytest.mark.postgres
