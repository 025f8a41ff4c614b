"""Run one call per thread at once and collect what went wrong, for the concurrency tests."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any


def at_once(call: Callable[..., Any], arguments: Iterable[tuple[Any, ...]]) -> list[BaseException]:
    """``call(*args)`` for each of ``arguments``, each in its own thread, all started together; the
    errors raised (none when every call succeeded)."""
    failures: list[BaseException] = []

    def run(*args: Any) -> None:
        try:
            call(*args)
        except BaseException as error:  # collected and reported by the test
            failures.append(error)

    threads = [threading.Thread(target=run, args=args) for args in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures
