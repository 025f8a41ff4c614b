"""Keyboard and line input for the guided player, on a terminal or from a script."""

from __future__ import annotations

import select
import sys
import time
from types import TracebackType
from typing import Any, TextIO


class Keys:
    """Single key presses on a terminal (cbreak mode); nothing when input is not a terminal."""

    def __init__(self, stream: TextIO = sys.stdin) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self._saved: Any = None

    def __enter__(self) -> Keys:
        if self.tty:
            import termios
            import tty

            self._saved = termios.tcgetattr(self.stream.fileno())
            tty.setcbreak(self.stream.fileno())
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._restore()

    def _restore(self) -> None:
        if self._saved is not None:
            import termios

            termios.tcsetattr(self.stream.fileno(), termios.TCSADRAIN, self._saved)

    def poll(self, timeout: float) -> str | None:
        """A key pressed within ``timeout`` seconds, lower-cased; sleeps when not a terminal."""
        if not self.tty:
            time.sleep(max(timeout, 0))
            return None
        ready, _, _ = select.select([self.stream], [], [], max(timeout, 0))
        if not ready:
            return None
        key = self.stream.read(1)
        return "\n" if key in ("\r", "\n") else key.lower()

    def line(self, prompt: str) -> str | None:
        """A whole line of input (cooked mode on a terminal); None at end of input."""
        if self.tty:
            import termios

            # drop keys pressed during the timer, before the prompt shows: what is typed after it is kept
            termios.tcflush(self.stream.fileno(), termios.TCIFLUSH)
        sys.stdout.write(prompt)
        sys.stdout.flush()
        if self.tty:
            import termios
            import tty

            self._restore()
            try:
                text = self.stream.readline()
            finally:
                self._saved = termios.tcgetattr(self.stream.fileno())
                tty.setcbreak(self.stream.fileno())
        else:
            text = self.stream.readline()
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return None if text == "" else text.strip()
