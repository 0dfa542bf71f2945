"""Errors the search package raises to its callers, with messages meant for users."""

from __future__ import annotations


class QueryError(ValueError):
    """A search query that cannot be run; ``str(error)`` says why, for the user.

    The CLI turns it into exit status 2, the window into a message under the search box.
    """


class IndexBusyError(RuntimeError):
    """Another process holds the search index's write lock."""

    def __init__(
        self, message: str = "The search index is busy in another process; try again in a moment."
    ) -> None:
        super().__init__(message)


class IndexUnavailableError(RuntimeError):
    """The search index cannot answer now: it is missing or damaged, and must be rebuilt.

    It is always rebuilt from SQLite (``Archive.rebuild_index``), never restored.
    """

    def __init__(
        self,
        message: str = "The search index is missing or damaged; it has to be rebuilt "
        "from the archive before searching.",
    ) -> None:
        super().__init__(message)


class IndexRebuildingError(IndexUnavailableError):
    """The search index is being rebuilt, here or in another process; search again after."""

    def __init__(
        self,
        message: str = "The search index is being rebuilt by another Archive Reader window "
        "or command; try again when it has finished.",
    ) -> None:
        super().__init__(message)
