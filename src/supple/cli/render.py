"""Text output for people (JSON output lives in supple.services.shapes)."""

from __future__ import annotations

from typing import Any

from supple.cli.common import duration
from supple.core.session import Item, Session

_ROLE_STYLE = {"melt": "magenta", "mould": "cyan", "strengthen": "green", "prime": "yellow"}


def dose(item: Item) -> str:
    amount = f"{item.hold_seconds} s" if item.hold_seconds is not None else f"{item.reps} reps"
    side = " each side" if item.per_side else ""
    sets = f"{item.sets} × " if item.sets > 1 else ""
    return f"{sets}{amount}{side}"


def session(console: Any, found: Session, *, names: dict[str, str]) -> None:
    day = found.date.strftime("%A %d %B %Y")
    console.print(
        f"[bold]{day}[/bold] · {found.kind} · {found.minutes} min budget · {duration(found.total_seconds)} planned"
    )
    for note in found.notes:
        console.print(f"[yellow]Note:[/yellow] {note}")
    for number, block in enumerate(found.blocks, start=1):
        console.print()
        console.print(f"[bold]{number}. {names.get(block.region, block.region)}[/bold]  [dim]{block.why}[/dim]")
        for item in block.items:
            style = _ROLE_STYLE.get(item.role, "white")
            console.print(
                f"   [{style}]{item.role:<10}[/{style}] {item.name}  ·  {dose(item)}  ·  "
                f"level {item.level}  ·  {duration(item.seconds)}"
            )
            console.print(f"              [dim]{item.why}[/dim]")
