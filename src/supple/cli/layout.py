"""Plain-text layout for the terminal: lines wrapped to the width, with hanging indents.

Every command that prints prose, bullets, numbered steps or a list of names uses these, so
that at 80 columns a wrapped line lines up under the text it continues (never at column
0) and a name such as "Calves and ankles" or "hip-flexors" is never split across lines.
The functions return lines; the caller prints them without markup, so nothing is wrapped
twice.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence

#: The narrowest width text is wrapped to, however narrow the terminal says it is.
MIN_WIDTH = 40
#: A space that never breaks: it keeps the words of one name together while wrapping.
_KEEP = "\u00a0"


def keep(text: str) -> str:
    """``text`` made unbreakable, such as "55 cm": it wraps as one word."""
    return text.replace(" ", _KEEP)


def width(console: object) -> int:
    """The console's width in columns (at least ``MIN_WIDTH``)."""
    return max(int(getattr(console, "width", 80)), MIN_WIDTH)


def wrap(text: str, columns: int, *, first: str = "", rest: str | None = None) -> list[str]:
    """``text`` wrapped to ``columns``, the first line after ``first`` and the others after ``rest``.

    ``rest`` defaults to as many spaces as ``first`` is long: a hanging indent. Words are
    never broken, and neither are hyphenated slugs.
    """
    hang = " " * len(first) if rest is None else rest
    lines = textwrap.wrap(
        re.sub(r"[ \t\r\n]+", " ", text).strip(),
        width=max(columns, len(hang) + 20),
        initial_indent=first,
        subsequent_indent=hang,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [line.replace(_KEEP, " ") for line in lines] or [first.rstrip()]


def bullet(text: str, columns: int, *, indent: int = 2, mark: str = "•") -> list[str]:
    """A bullet whose wrapped lines start under its text."""
    return wrap(text, columns, first=" " * indent + mark + " ")


def numbered(lines: Sequence[str], columns: int, *, indent: int = 2) -> list[str]:
    """Numbered steps ("1. ...") whose wrapped lines start under the text; numbers right-aligned."""
    digits = len(str(len(lines)))
    out: list[str] = []
    for number, line in enumerate(lines, start=1):
        out += wrap(line, columns, first=" " * indent + f"{number:>{digits}}. ")
    return out


def names(
    parts: Iterable[str], columns: int, *, first: str = "", rest: str | None = None, sep: str = ", "
) -> list[str]:
    """Names joined by ``sep`` and wrapped only between names, never inside one."""
    kept = sep.join(part.replace(" ", _KEEP) for part in parts)
    return wrap(kept, columns, first=first, rest=rest)
