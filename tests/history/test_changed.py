"""`validate --changed-since`: its git call is history's, not validate's."""

from __future__ import annotations

import inspect


def test_validate_makes_no_git_call() -> None:
    """`--changed-since`'s git call lives in history/, next to the rest of git; validate.py only checks."""
    import zsht.validate
    from zsht.history.changed import only_changed

    source = inspect.getsource(zsht.validate)
    assert "history" not in source and "git" not in source
    assert inspect.signature(only_changed).parameters.keys() == {"result", "since"}
