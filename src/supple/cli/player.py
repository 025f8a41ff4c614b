"""`supple go`: a guided session in the terminal with timers, then logging."""

from __future__ import annotations

import contextlib
import sys
import time

import typer

from supple.cli.common import JSON_OPTION, fail, guarded, open_context, print_json
from supple.cli.plain import routine_from_options
from supple.cli.routine import COMPLAINT_HELP
from supple.cli.terminal import Keys
from supple.core.player import Step, item_steps
from supple.core.session import Item, ItemResult, Session
from supple.services.context import Context

#: Width of the countdown line; every redraw pads to it and clearing blanks all of it.
LINE_WIDTH = 30
KEYS_HELP = "keys: [p] pause/resume · [d] done with this set · [s] skip the rest of the item · [q] quit"


class _Quit(Exception):
    pass


class Player:
    def __init__(self, keys: Keys, *, scale: float, timers: bool, cues: dict[str, tuple[str, ...]]) -> None:
        self.keys = keys
        self.scale = scale
        self.timers = timers
        self.cues = cues
        #: Seconds actually held in each hold of the current item (a hold ended early with [d] counts less).
        self.held: list[int] = []

    def say(self, text: str) -> None:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()

    def hold(self, seconds: int) -> str:
        """Count down ``seconds`` (scaled); return "done", "skip" or "quit"."""
        if not self.timers:
            return "done"
        remaining = float(seconds)
        paused = False
        while remaining > 0:
            if self.keys.tty:  # padded to one width, so "paused" leaves nothing behind when it goes
                state = "paused " if paused else ""
                text = f"   {state}{int(remaining) // 60}:{int(remaining) % 60:02d} left"
                sys.stdout.write(f"\r{text:<{LINE_WIDTH}}")
                sys.stdout.flush()
            started = time.monotonic()
            key = self.keys.poll(min(1.0, remaining) * self.scale)
            if not paused:
                remaining -= (time.monotonic() - started) / self.scale
            if key == "p":
                paused = not paused
            elif key in ("s", "d", "q"):
                self._end_line()
                self.held.append(round(seconds - max(remaining, 0)))
                return {"s": "skip", "d": "done", "q": "quit"}[key]
        self._end_line()
        self.held.append(seconds)
        sys.stdout.write("\a")
        return "done"

    def reps(self, count: int) -> str:
        if not self.timers:
            return "done"
        if not self.keys.tty:
            return self.hold(count * 3)
        self.say(f"   do {count} reps, then press [d] or Enter")
        while True:
            key = self.keys.poll(3600)
            if key in ("d", "\n"):
                return "done"
            if key == "s":
                return "skip"
            if key == "q":
                return "quit"

    def _end_line(self) -> None:
        if self.keys.tty:
            sys.stdout.write("\r" + " " * LINE_WIDTH + "\r")

    def step(self, step: Step) -> str:
        self.say(f" - {step.label}: " + (f"hold {step.hold_seconds} s" if step.hold_seconds else f"{step.reps} reps"))
        if step.hold_seconds is not None:
            return self.hold(step.hold_seconds)
        return self.reps(step.reps or 0)

    def rating(self, prompt: str, low: int, high: int) -> int | None:
        while True:
            text = self.keys.line(f"   {prompt} ({low}-{high}, Enter to skip): ")
            if text is None or text == "":
                return None
            if text.isdigit() and low <= int(text) <= high:
                return int(text)
            if not self.keys.tty:
                raise fail(f"{prompt.lower()} {text!r} is not valid; expected a whole number from {low} to {high}")
            self.say(f"   please type a whole number from {low} to {high}")

    def item(self, number: int, total: int, item: Item, index: int) -> ItemResult:
        self.say(f"\n[{number}/{total}] {item.name} ({item.role}, level {item.level})")
        self.say(f"   {item.why}")
        for cue in self.cues.get(item.exercise, ()):
            self.say(f"   · {cue}")
        outcome = "done"
        self.held = []
        for step in item_steps(index, item):
            outcome = self.step(step)
            if outcome != "done":
                break
            if step.side == "left" and self.timers:
                self.say("   switch sides")
        if outcome == "quit":
            raise _Quit
        if outcome == "skip":
            self.say("   skipped")
            return ItemResult(done=False, level=item.level)
        control = self.rating("Control", 1, 5)
        discomfort = self.rating("Discomfort", 0, 10)
        held = min(self.held) if self.held and item.hold_seconds is not None else item.hold_seconds
        return ItemResult(done=True, level=item.level, hold_seconds=held, control=control, discomfort=discomfort)

    def run(self, session: Session) -> list[ItemResult]:
        results: list[ItemResult] = []
        items = session.items
        if self.timers:
            self.say(KEYS_HELP)
        try:
            for index, item in enumerate(items):
                results.append(self.item(index + 1, len(items), item, index))
        except _Quit:
            self.say("\nStopped. Items not reached are logged as not done.")
        results.extend(ItemResult(done=False, level=item.level) for item in items[len(results) :])
        return results


def guide(ctx: Context, session: Session, keys: Keys, *, timers: bool) -> list[ItemResult]:
    """Guide ``session`` item by item with ``keys``; return one result per item (nothing is stored)."""
    from supple.services import library

    cues = {i.exercise: library.cues_for_player(ctx, slug=i.exercise) for i in session.items}
    return Player(keys, scale=ctx.time_scale, timers=timers, cues=cues).run(session)


def guide_and_log(ctx: Context, session: Session, keys: Keys, *, timers: bool) -> tuple[int, list[ItemResult]]:
    """Guide ``session`` item by item with ``keys``, then log what was done; return the id and the results."""
    from supple.services import logbook

    results = guide(ctx, session, keys, timers=timers)
    session_id = logbook.log_session(ctx, session=logbook.from_results(session, results))
    return session_id, results


def _ask_next_day(question: str) -> str | None:
    """Ask the next-day question on a terminal until it gets an answer (Enter skips); None when not a terminal."""
    from supple.services.followups import NEXT_DAY_ANSWERS

    if not sys.stdin.isatty():
        return None
    choices = "/".join(NEXT_DAY_ANSWERS)
    while True:
        try:
            text = input(f"{question} [{choices}, Enter to skip]: ").strip().lower()
        except EOFError:
            return None
        if not text:
            return None
        found = [a for a in NEXT_DAY_ANSWERS if a.startswith(text)]
        if len(found) == 1:
            return found[0]
        sys.stdout.write(f"Please type one of {', '.join(NEXT_DAY_ANSWERS)}.\n")


@guarded
def go(
    date: str | None = typer.Option(None, "--date", help="Day of the session, YYYY-MM-DD (default: today)."),
    kind: str | None = typer.Option(None, "--kind", help="primer, daily, recovery or focus (default: from your runs)."),
    minutes: int | None = typer.Option(None, "--minutes", help="Time budget in minutes, 1-120 (default: profile)."),
    equipment: str | None = typer.Option(None, "--equipment", help="Kit at hand: roller,ball,box,band,wall or none."),
    focus: str | None = typer.Option(None, "--focus", help="Regions to focus on, e.g. glutes,it-band."),
    complaint: str | None = typer.Option(None, "--complaint", metavar="SLUG", help=COMPLAINT_HELP),
    no_timer: bool = typer.Option(False, "--no-timer", help="No countdowns or key presses (for scripts)."),
    yesterday: str | None = typer.Option(
        None,
        "--yesterday",
        metavar="ANSWER",
        help="How your last session felt the day after: better, same or worse (asked on a terminal if left out).",
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Do today's routine now, guided: timers, sides, then control and discomfort per item; logs it at the end.

    First it asks how your last session's work felt the day after (one answer: better, same or
    worse), since a level only moves up once that is known.

    Example: supple go --minutes 10

    Example: supple go --yesterday same

    Example: supple go --complaint outer-knee
    """
    from supple.services import followups, live, shapes

    ctx = open_context()
    answer = followups.check_answer(yesterday, field="--yesterday") if yesterday is not None else None
    session = routine_from_options(ctx, date, kind, minutes, equipment, focus, complaint)
    waiting = followups.waiting(ctx, today=session.date)
    if waiting is None and answer is not None:
        (sys.stderr if as_json else sys.stdout).write(
            "No recent session is waiting for a next-day answer; --yesterday was not recorded.\n"
        )
    if waiting is not None:
        answer = answer or _ask_next_day(waiting.question)
        out = sys.stderr if as_json else sys.stdout
        if answer is None:
            out.write(f"{waiting.question} Not answered yet, so levels hold: add --yesterday better, same or worse.\n")
        else:
            followups.record(ctx, session_id=waiting.session_id, answer=answer, today=session.date)
            out.write(f"Noted: the day after {waiting.date.isoformat()} felt {answer}.\n")
            session = routine_from_options(ctx, date, kind, minutes, equipment, focus, complaint)
    if session.stop is not None:
        raise fail(session.stop.advice, code=1)
    if not session.items:
        raise fail(" ".join(session.notes) or "nothing fits this budget; try more minutes")
    # With --json, stdout carries only the JSON object: the guided session talks on stderr.
    with contextlib.redirect_stdout(sys.stderr) if as_json else contextlib.nullcontext():
        sys.stdout.write(
            f"{session.kind} session · {len(session.items)} items · about {session.total_seconds // 60} min\n"
        )
        with Keys() as keys:  # the player must run inside: keys are read one by one only in cbreak mode
            session_id, results = guide_and_log(ctx, session, keys, timers=not no_timer)
    done = sum(1 for r in results if r.done)
    if as_json:
        print_json(shapes.logged_session_dict(live.get(ctx, session_id=session_id)))
        return
    sys.stdout.write(f"\nLogged session {session_id}: {done}/{len(results)} items done. Well done.\n")
