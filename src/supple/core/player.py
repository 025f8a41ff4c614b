"""A session as the steps a guided player walks through: each set, each side, in order."""

from __future__ import annotations

from dataclasses import dataclass

from supple.core.session import Item, Session


@dataclass(frozen=True, slots=True)
class Step:
    item_index: int
    item: Item
    set_number: int
    side: str | None
    hold_seconds: int | None
    reps: int | None

    @property
    def label(self) -> str:
        side = f" · {self.side} side" if self.side else ""
        return f"set {self.set_number} of {self.item.sets}{side}"


def item_steps(item_index: int, item: Item) -> tuple[Step, ...]:
    sides: tuple[str | None, ...] = ("left", "right") if item.per_side else (None,)
    return tuple(
        Step(item_index, item, set_number, side, item.hold_seconds, item.reps)
        for set_number in range(1, item.sets + 1)
        for side in sides
    )


def steps(session: Session) -> tuple[Step, ...]:
    return tuple(step for index, item in enumerate(session.items) for step in item_steps(index, item))
