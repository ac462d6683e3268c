"""Character error rate of OCR output: shared with `bench --ocr-pages` (app/cli/bench/cer.py)."""

from __future__ import annotations

from app.cli.bench.cer import character_error_rate, fitting_edits

__all__ = ["character_error_rate", "fitting_edits"]
