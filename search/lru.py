"""A small thread-safe least-recently-used cache, for what the engine remembers per index
generation (answers, as-at filters, words near a misspelling, spelling suggestions, posting
scores)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

_MISSING = object()


class LRU:
    """Keeps at most `size` entries, or with `weigh` entries weighing at most `size` in all (the
    newest entry is kept even when it alone weighs more). A `size` of 0 keeps nothing."""

    def __init__(self, size: int, weigh: Callable[[Any], int] | None = None):
        self.size = size
        self.weight = 0
        self._weigh = weigh or (lambda value: 1)
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, default=None):
        with self._lock:
            value = self._items.get(key, _MISSING)
            if value is _MISSING:
                return default
            self._items.move_to_end(key)
            return value

    def put(self, key: Hashable, value) -> None:
        if self.size <= 0:
            return
        with self._lock:
            old = self._items.pop(key, _MISSING)
            if old is not _MISSING:
                self.weight -= self._weigh(old)
            self._items[key] = value
            self.weight += self._weigh(value)
            while self.weight > self.size and len(self._items) > 1:
                _, evicted = self._items.popitem(last=False)
                self.weight -= self._weigh(evicted)

    def get_or_compute(self, key: Hashable, compute: Callable[[], object]):
        """The cached value, or `compute()` stored (two threads may both compute; both agree)."""
        value = self.get(key, _MISSING)
        if value is _MISSING:
            value = compute()
            self.put(key, value)
        return value

    def __len__(self) -> int:
        return len(self._items)
