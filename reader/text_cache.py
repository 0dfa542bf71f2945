"""``text_cached``: remember a text function's results within a size in megabytes.

``functools.lru_cache`` bounds the number of entries, not their size: 4,096 notes of a few
words take a few hundred kilobytes, 4,096 pasted articles hundreds of megabytes. This cache
counts what its keys and results occupy and drops the least recently used ones when the
total would pass its budget; a single result larger than the budget is returned, not kept.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps

_MB = 1024 * 1024


class TextCache:
    """Results of a ``str -> str`` function, least recently used dropped past ``megabytes``.

    Args:
        megabytes: The most its keys and results occupy together (``sys.getsizeof``).
    """

    def __init__(self, megabytes: float) -> None:
        self.budget = int(megabytes * _MB)
        self.size = 0  # bytes held now
        self._entries: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> str | None:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: str, value: str) -> None:
        cost = _cost(key, value)
        if cost > self.budget:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= _cost(key, old)
            self._entries[key] = value
            self.size += cost
            while self.size > self.budget:
                dropped_key, dropped = self._entries.popitem(last=False)
                self.size -= _cost(dropped_key, dropped)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.size = 0


def _cost(key: str, value: str) -> int:
    return sys.getsizeof(key) + sys.getsizeof(value)


def text_cached(megabytes: float) -> Callable[[Callable[[str], str]], Callable[[str], str]]:
    """Decorate a ``str -> str`` function with a :class:`TextCache` of ``megabytes``.

    The cache is the wrapper's ``cache`` attribute (for tests, and to empty it).
    """

    def decorate(function: Callable[[str], str]) -> Callable[[str], str]:
        cache = TextCache(megabytes)

        @wraps(function)
        def cached(text: str) -> str:
            value = cache.get(text)
            if value is None:
                value = function(text)
                cache.put(text, value)
            return value

        cached.cache = cache  # type: ignore[attr-defined]
        return cached

    return decorate
