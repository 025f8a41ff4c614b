"""Text output for people (JSON output lives in supple.services.shapes)."""

from __future__ import annotations

from typing import Any

from supple.cli.common import duration
from supple.core.session import Session, Stop

_ROLE_STYLE = {"melt": "magenta", "mould": "cyan", "strengthen": "green", "prime": "yellow"}


def session(console: Any, found: Session, *, names: dict[str, str], start: str = "supple go") -> None:
    """A routine laid out to read well at 80 columns: region, then each item in three short lines.

    ``start`` is the command that starts this very routine with timers.
    """
    import textwrap

    from supple.services.display import item_dose

    def indented(text: str, left: int, style: str = "") -> None:
        for line in textwrap.wrap(text, width=max(console.width - left, 30)):
            console.print(" " * left + (f"[{style}]{line}[/{style}]" if style else line), markup=bool(style))

    day = found.date.strftime("%A %d %B %Y")
    if found.stop is not None:
        console.print(f"[bold]{day}[/bold] · no routine")
        stop(console, found.stop)
        return
    console.print(f"[bold]{day}[/bold] · {found.kind} · {duration(found.total_seconds)} of {found.minutes} min")
    for note in found.notes:
        console.print(f"[yellow]Note:[/yellow] {note}")
    for number, block in enumerate(found.blocks, start=1):
        console.print()
        console.print(f"[bold]{number}. {names.get(block.region, block.region)}[/bold]")
        indented(block.why, 3, "dim")
        for item in block.items:
            style = _ROLE_STYLE.get(item.role, "white")
            console.print(f"   [{style}]{item.role:<10}[/{style}] [bold]{item.name}[/bold]")
            indented(f"{item_dose(item)} · level {item.level} · {duration(item.seconds)}", 14)
            indented(item.why, 14, "dim")
    if found.blocks:
        console.print(f"\nStart it with timers: [bold]{start}[/bold]")


def stop(console: Any, found: Stop) -> None:
    """Why there is no routine, headed with the open flags' highest level, and how to clear them."""
    import textwrap

    console.print(f"[bold red]Stop: {found.heading}[/bold red]")
    for line in textwrap.wrap(found.advice, width=max(console.width - 3, 30)):
        console.print("   " + line, markup=False)
    console.print("When a physio or doctor has cleared you: [bold]supple red-flags --clear[/bold]")
