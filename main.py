"""政务公开工作台 entry point: GUI by default, headless commands with `python main.py COMMAND`."""

import time

STARTED = time.perf_counter()  # 「main window shown N ms after start」 counts from here, before any import

import sys  # noqa: E402

from app.ui.launch import run_window, window_args  # noqa: E402  -- light: no SQLAlchemy, no commands

if __name__ == "__main__":
    window = window_args(sys.argv[1:])
    if window is not None:  # no command: the window, without importing the command line's modules
        sys.exit(run_window(window, STARTED))
    from app.cli import main

    sys.exit(main())
