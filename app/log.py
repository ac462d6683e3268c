"""Rotating UTF-8 log file in the data folder; every logger is under `zwgk`, where the file is attached."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

ROOT = "zwgk"
db = logging.getLogger("zwgk.db")
services = logging.getLogger("zwgk.services")
ui = logging.getLogger("zwgk.ui")
cli = logging.getLogger("zwgk.cli")

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def get_logger(module: str) -> logging.Logger:
    """`get_logger(__name__)`: app.services.formats.fonts logs as zwgk.services.formats.fonts, so it reaches
    the file (a plain getLogger(__name__) would be under `app`, which has no handler)."""
    return logging.getLogger(f"{ROOT}.{module.removeprefix('app.')}")


def setup_logging(log_file: Path, *, debug: bool = False) -> None:
    log_file.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger(ROOT)
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
