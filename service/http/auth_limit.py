"""Wrong bearer tokens are rate-limited per client address.

A client address that has sent ``max_failures`` wrong tokens within the last ``window_s``
seconds is blocked: every request of it that asks for the token gets 429 with ``Retry-After``
(seconds until its oldest counted failure ages out), the right token included, so a guesser
learns nothing while blocked. A missing token (401) is not a guess and is not counted; the
right token clears the address's count. At most ``max_addresses`` addresses are tracked (the
least recently failing are forgotten first), so a flood of addresses cannot exhaust memory.

The address is the peer of the connection (``request.client.host``): behind a reverse proxy
every client shares the proxy's address, so the proxy should do its own limiting.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable


class FailedAuthLimiter:
    """Failures per address in a sliding window; thread-safe.

    >>> clock = iter([0.0, 1.0, 2.0, 2.5]).__next__
    >>> limiter = FailedAuthLimiter(max_failures=2, window_s=60, clock=clock)
    >>> limiter.failed("10.0.0.1"); limiter.failed("10.0.0.1")
    >>> limiter.retry_after("10.0.0.1"), limiter.retry_after("10.0.0.2")
    (58, None)
    """

    def __init__(
        self,
        *,
        max_failures: int,
        window_s: float,
        max_addresses: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self.max_addresses = max_addresses
        self.clock = clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def retry_after(self, address: str) -> int | None:
        """Whole seconds until ``address`` may try again; ``None`` when it is not blocked."""
        with self._lock:
            now = self.clock()
            times = self._recent(address, now)
            if times is None or len(times) < self.max_failures:
                return None
            return max(1, math.ceil(times[0] + self.window_s - now))

    def failed(self, address: str) -> None:
        """Count a wrong token from ``address``."""
        with self._lock:
            now = self.clock()
            times = self._recent(address, now)
            if times is None:
                times = self._failures[address] = deque(maxlen=self.max_failures)
            times.append(now)
            self._failures.move_to_end(address)
            while len(self._failures) > self.max_addresses:
                self._failures.popitem(last=False)

    def succeeded(self, address: str) -> None:
        """The right token from ``address``: forget its failures."""
        with self._lock:
            self._failures.pop(address, None)

    def _recent(self, address: str, now: float) -> deque[float] | None:
        times = self._failures.get(address)
        while times and times[0] <= now - self.window_s:
            times.popleft()
        return times
