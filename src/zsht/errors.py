"""The error types of zsht: one root, and one that carries a message for the user."""

from __future__ import annotations


class ZshtError(Exception):
    """Root of every error zsht raises on purpose."""

    exit_code = 2


class UserError(ZshtError):
    """A problem the user can fix; its message is one line in Chinese and is shown as it is."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}（{self.hint}）"


class CountyNotFound(UserError):
    """No `zsht.yaml` in the current directory or any of its parents."""
