"""The process's resident memory for `bench --ocr-pages`: now, and at its peak.

Linux keeps the peak (VmHWM) and lets a process start it afresh, so the peak is the OCR section's own.
Elsewhere the peak is the whole run's (ru_maxrss on macOS; psutil's peak working set on Windows, if
installed); with neither, there is no figure and the bench leaves the row out.
"""

from __future__ import annotations

import sys
from pathlib import Path

_STATUS = Path("/proc/self/status")
_MB = 1024 * 1024


def _status_mb(field: str) -> float | None:
    try:
        lines = _STATUS.read_text(encoding="ascii").splitlines()
    except OSError:
        return None
    for line in lines:
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024  # "VmHWM:   13620 kB"
    return None


def reset_peak() -> bool:
    """Start the peak afresh (Linux: writing 5 to clear_refs resets VmHWM); False where it cannot be."""
    try:
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")
    except OSError:
        return False
    return _status_mb("VmHWM") is not None


def current_mb() -> float | None:
    rss = _status_mb("VmRSS")
    if rss is None:
        try:
            import psutil  # type: ignore[import-untyped, unused-ignore]
        except ImportError:
            return None
        rss = psutil.Process().memory_info().rss / _MB
    return rss


def peak_mb() -> float | None:
    peak = _status_mb("VmHWM")
    if peak is not None:
        return peak
    try:
        import resource  # not on Windows
    except ImportError:
        try:
            import psutil
        except ImportError:
            return None
        return getattr(psutil.Process().memory_info(), "peak_wset", 0) / _MB or None
    kilobytes_or_bytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kilobytes_or_bytes / (_MB if sys.platform == "darwin" else 1024)
