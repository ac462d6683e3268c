"""The clock that stamps file times, read from the filesystem itself.

A file's age must be measured on the clock that wrote its mtime: the operating system's (or a network
share's). The program's clock may be set elsewhere (a test's travel, a moved clock), so a leftover file
aged by it could look a year old the moment it was written — or never old enough to clear.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

PROBE_PREFIX = ".zwgk-clock-"


def file_clock_now(folder: Path) -> float:
    """Now, as the filesystem holding `folder` stamps it (seconds since the epoch)."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, prefix=PROBE_PREFIX) as probe:
        return os.fstat(probe.fileno()).st_mtime
