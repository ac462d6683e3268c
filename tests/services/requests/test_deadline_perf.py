"""Recomputing 20,000 open cases after a calendar change must take under 0.2 s (calendar loaded once)."""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

from app.services.requests.deadlines import (
    Channel,
    Consultation,
    DeadlinePolicy,
    RequestEvents,
    recompute_all,
)
from tests.calendar_support import package_calendar

CASES = 20_000
BUDGET_SECONDS = 0.2


def make_cases() -> list[RequestEvents]:
    rng = random.Random(20261121)
    cases = []
    for i in range(CASES):
        received = date(2025, 1, 1) + timedelta(days=rng.randrange(600))
        consultations = (Consultation(received + timedelta(days=3)),) if i % 10 == 0 else ()
        cases.append(
            RequestEvents(f"申-{i}", Channel.IN_PERSON, arrived=received, consultations=consultations)
        )
    return cases


def test_recompute_20000_cases_under_budget() -> None:
    calendar, cases = package_calendar(), make_cases()
    policy, today = DeadlinePolicy(), date(2026, 11, 20)
    best = float("inf")
    for _ in range(3):  # best of three: the figure is the engine, not a scheduler hiccup
        started = time.perf_counter()
        reflow = recompute_all(cases, calendar, policy, today)
        best = min(best, time.perf_counter() - started)
    print(f"\nrecompute_all: {CASES} cases in {best * 1000:.1f} ms")
    assert len(reflow.results) + len(reflow.problems) == CASES
    assert best < BUDGET_SECONDS
