"""政务公开工作台 entry point: GUI by default, headless commands with `python main.py COMMAND`."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
