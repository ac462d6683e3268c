"""Move the clock for a whole test run, and for the programs the tests start (issue 18).

`ZWGK_TEST_TRAVEL=2029-12-31T09:00:00 python -m pytest …` starts every test, and every `python main.py …`
they launch through `python_command()`, with the clock at that moment, running on (time-machine patches
Python's clock functions only: threads, timeouts and Qt timers keep the machine's monotonic clock, which
libfaketime 0.9.10 cannot do without stalling timed waits).

As a script: `python tests/travel.py main.py ARGS…` or `python tests/travel.py -c CODE ARGS…`.
"""

from __future__ import annotations

import os
import runpy
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ENV = "ZWGK_TEST_TRAVEL"
SET_OFF = "ZWGK_TEST_TRAVEL_SET_OFF"  # monotonic seconds when the run began to travel
HERE = Path(__file__).resolve()


def python_command() -> list[str]:
    """`[python]`, or `[python, tests/travel.py]` while a run travels: put it before main.py and its args."""
    return [sys.executable, str(HERE)] if os.environ.get(ENV) else [sys.executable]


def start() -> object | None:
    """Start travelling for this process (the test session) when ZWGK_TEST_TRAVEL is set.

    The first process notes when the run set off (on the machine's monotonic clock, which every process
    shares and time-machine leaves alone); the programs it starts continue from there, so time never runs
    backwards between them — a review approved by `demo` at 09:00:01 is not "later" than an export begun
    in the next process.
    """
    moment = os.environ.get(ENV)
    if not moment:
        return None
    import time_machine

    set_off = os.environ.setdefault(SET_OFF, repr(time.monotonic()))
    elapsed = max(0.0, time.monotonic() - float(set_off))
    traveller = time_machine.travel(datetime.fromisoformat(moment) + timedelta(seconds=elapsed), tick=True)
    traveller.start()
    return traveller


def _run(argv: list[str]) -> None:
    start()
    if argv[:1] == ["-c"]:
        sys.argv = ["-c", *argv[2:]]
        sys.path.insert(0, "")
        exec(compile(argv[1], "<string>", "exec"), {"__name__": "__main__"})
        return
    target = Path(argv[0]).resolve()
    sys.argv = [str(target), *argv[1:]]
    sys.path[0] = str(target.parent)  # as `python main.py` would have it
    runpy.run_path(str(target), run_name="__main__")


if __name__ == "__main__":
    _run(sys.argv[1:])
