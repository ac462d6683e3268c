"""Error types shared by every layer (no Qt here)."""


class AppError(Exception):
    """Base class for errors raised on purpose by the application."""


class UserFacingError(AppError):
    """Something the clerk can fix; `message` is calm Chinese saying what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CancelledError(AppError):
    """A long job stopped because the clerk pressed 取消."""

    def __init__(self) -> None:
        super().__init__("操作已取消。")


class BugError(AppError):
    """An internal invariant broke: shown with the crash dialog, never as a plain message."""
