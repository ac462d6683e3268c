"""Rotating UTF-8 log file in the data folder, one named logger per area."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

db = logging.getLogger("zwgk.db")
services = logging.getLogger("zwgk.services")
ui = logging.getLogger("zwgk.ui")
cli = logging.getLogger("zwgk.cli")

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(log_file: Path, *, debug: bool = False) -> None:
    log_file.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger("zwgk")
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    for handler in list(root.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
