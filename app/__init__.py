"""政务公开工作台. The version here is the single source for packaging and the installer."""

__version__ = "0.1.0"
APP_NAME = "政务公开工作台"
APP_ID = "ZwgkWorkbench"
APP_AUTHOR = "ZwgkWorkbench"
