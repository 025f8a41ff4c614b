"""Time done: the one definition every surface uses for how long a logged session took.

An item counts only when it is marked done. It then counts its planned working time
(``Item.seconds``: sets × sides × the hold or the reps, plus side switches and rests
between sets), less the part of each hold that was not held: a hold of 30 s ended after
2 s counts 2 s per set and side, not 30. Repetitions have no timer, so a rep item counts
its planned time. Getting into position between items is not work and never counts.
"""

from __future__ import annotations

from collections.abc import Iterable

from supple.core.session import Item, ItemResult, LoggedItem


def item_seconds_done(item: Item, result: ItemResult | None) -> int:
    """Seconds of ``item`` done, by the definition above; 0 when it was not done."""
    if result is None or not result.done:
        return 0
    if item.hold_seconds is None or result.hold_seconds is None:
        return item.seconds
    held = max(0, min(result.hold_seconds, item.hold_seconds))
    holds = item.sets * (2 if item.per_side else 1)
    return max(0, item.seconds - holds * (item.hold_seconds - held))


def seconds_done(items: Iterable[LoggedItem]) -> int:
    """Seconds done over a logged session's items."""
    return sum(item_seconds_done(logged.item, logged.result) for logged in items)
