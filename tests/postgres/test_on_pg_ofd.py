"""OFD registering and search (tests/services/formats/test_ofd.py) on PostgreSQL (see its conftest)."""

import pytest

from tests.services.formats.test_ofd import (  # noqa: F401
    test_a_red_header_ofd_proposes_its_own_number_title_and_date,
    test_search_finds_a_word_that_only_page_two_of_an_ofd_attachment_has,
)

pytestmark = pytest.mark.postgres
