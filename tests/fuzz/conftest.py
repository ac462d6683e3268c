"""When a fuzz test fails, Hypothesis imports libcst to print a patch; libcst's import warns, and the suite
turns warnings into errors, which would hide the failing example behind an INTERNALERROR. Import it quietly
here, once."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

HERE = Path(__file__).parent

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    try:
        import hypothesis.extra._patching  # noqa: F401
    except ImportError:  # libcst is optional: without it Hypothesis prints no patch at all
        pass


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A failing example here is a big file; Hypothesis warns that its repr is big, and the suite's
    warnings-as-errors would report that warning instead of the failure."""
    for item in items:
        if item.path.parent == HERE:
            item.add_marker(pytest.mark.filterwarnings("ignore:Generating overly large repr"))
