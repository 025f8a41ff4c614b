"""`supple go` with timers, and `supple init`, driven through a real pseudo-terminal.

The player reads single keys in cbreak mode and whole lines (the ratings) in cooked mode, so
these tests start the command on the slave side of a pty, read its output with select and
answer as a person would. Every wait has a deadline and the child is killed on any failure.
"""

from __future__ import annotations

import codecs
import os
import re
import select
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

DAY = "2026-11-24"
TIMEOUT = 25.0


@dataclass
class Terminal:
    """The child's side of the conversation: everything it printed so far, and a way to type."""

    master: int
    pid: int = 0  #: the child's process id, to send it a signal as Ctrl+C would
    output: str = ""
    handled: int = 0  #: how much of ``output`` the responder has seen
    typed: list[str] = field(default_factory=list)

    def type(self, keys: str) -> None:
        self.typed.append(keys)
        os.write(self.master, keys.encode())


def run_in_pty(args: list[str], env: dict[str, str], respond: Callable[[Terminal, str], None]) -> tuple[int, str]:
    """Run ``python -m supple *args`` on a pty; call ``respond(term, new_text)`` as output arrives."""
    master, slave = os.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "supple", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env | {"TERM": "dumb"},
        close_fds=True,
        start_new_session=True,
    )
    os.close(slave)
    term = Terminal(master, pid=proc.pid)
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    deadline = time.monotonic() + TIMEOUT
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no end after {TIMEOUT} s; typed {term.typed}; output:\n{term.output}")
            ready, _, _ = select.select([master], [], [], min(left, 0.2))
            if not ready:
                continue
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the child closed its side (it has exited)
                break
            if not chunk:
                break
            term.output += decoder.decode(chunk)
            respond(term, term.output[term.handled :])
        code = proc.wait(timeout=max(deadline - time.monotonic(), 1))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=5)
        os.close(master)
    return code, term.output.replace("\r\n", "\n")


# The events the player prints, each answered by the responders below.
EVENT = re.compile(
    r"\[(?P<item>\d+)/(?P<total>\d+)\] "
    r"|(?P<reps>press \[d\] or Enter)"
    r"|(?P<control>Control \(1-5, Enter to skip\): )"
    r"|(?P<discomfort>Discomfort \(0-10, Enter to skip\): )"
    r"|(?P<skipped>   skipped\r?\n)"
    r"|(?P<stopped>Stopped\.)"
)


@dataclass
class Session:
    """What the test asked for, item by item: "skip", "quit" or the (control, discomfort) answered."""

    key: str  #: "s" to skip one item, "q" to quit
    first: int = 1  #: the first item in which to press it
    current: int = 0
    pending: int | None = None  #: item the key was pressed in, until it takes effect
    landed: int | None = None  #: item it took effect in
    answers: dict[int, list[str]] = field(default_factory=dict)

    def __call__(self, term: Terminal, text: str) -> None:
        end = 0
        for match in EVENT.finditer(text):  # an event cut off at the end of ``text`` waits for the rest
            self.on(term, match)
            end = match.end()
        term.handled += end

    def on(self, term: Terminal, match: re.Match[str]) -> None:
        if match["item"]:
            self.current = int(match["item"])
            if self.current >= self.first and self.landed is None and self.pending is None:
                # a key pressed now is read by the first countdown (or rep prompt) of this item
                term.type(self.key)
                self.pending = self.current
        elif match["reps"]:
            if self.pending != self.current:
                term.type("d")
        elif match["control"]:
            if self.pending == self.current:
                # the item ended before the key was read: it is typed into this line and the
                # rating is asked again; try once more on the next item
                self.pending = None
            self.answers.setdefault(self.current, []).append("4")
            term.type("4\n")
        elif match["discomfort"]:
            self.answers.setdefault(self.current, []).append("2")
            term.type("2\n")
        elif match["skipped"] or match["stopped"]:
            self.landed, self.pending = self.current, None


@pytest.fixture
def env(cli):
    return cli.env | {"SUPPLE_TIME_SCALE": "0.01"}


def items_of(session):
    return [item for block in session["blocks"] for item in block["items"]]


def test_timed_go_in_a_terminal_with_one_skipped_item(cli, history, env):
    planned = cli("today", "--minutes", "3", "--date", DAY, "--json").json()
    count = len(items_of(planned))
    assert count >= 2
    started = time.monotonic()
    session = Session(key="s")
    code, output = run_in_pty(["go", "--minutes", "3", "--date", DAY], env, session)
    assert code == 0, output
    assert time.monotonic() - started < 20
    assert session.landed is not None, output
    assert "keys: [p] pause/resume" in output
    assert " left" in output, "the countdown is shown on a terminal"
    assert "\a" in output, "a hold that runs out rings the bell"
    assert f"Logged session 1: {count - 1}/{count} items done" in output

    [entry] = history()
    assert entry["date"] == DAY
    assert [i["exercise"] for i in items_of(entry)] == [i["exercise"] for i in items_of(planned)]
    for number, item in enumerate(items_of(entry), start=1):
        result = item["result"]
        if number == session.landed:
            assert result["done"] is False
            assert (result["control"], result["discomfort"]) == (None, None)
        else:
            assert result["done"] is True, number
            assert (result["control"], result["discomfort"]) == (4, 2), number
            assert result["hold_seconds"] == item["hold_seconds"]


def test_quitting_a_timed_go_logs_the_rest_as_not_done(cli, history, env):
    session = Session(key="q", first=2)
    code, output = run_in_pty(["go", "--minutes", "5", "--date", DAY], env, session)
    assert code == 0, output
    assert "Stopped. Items not reached are logged as not done." in output
    [entry] = history()
    results = [item["result"] for item in items_of(entry)]
    assert session.landed is not None, output
    assert len(results) >= session.landed >= 2
    for number, result in enumerate(results, start=1):
        if number < session.landed:
            assert (result["done"], result["control"], result["discomfort"]) == (True, 4, 2)
        else:
            assert result["done"] is False, number
            assert result["control"] is None


def screen_lines(output: str, *, every_state: bool = False) -> list[str]:
    """What a terminal shows for ``output``: each carriage return overwrites the line from its start.

    With ``every_state``, each line as it looked after every redraw, not only at the end.
    """
    shown: list[str] = []
    for line in output.split("\n"):
        screen = ""
        for part in line.split("\r"):
            screen = part + screen[len(part) :]
            if every_state:
                shown.append(screen.rstrip())
        shown.append(screen.rstrip())
    return shown


def test_resuming_a_paused_countdown_leaves_no_stale_text(cli, env):
    steps: list[str] = []

    def respond(term: Terminal, text: str) -> None:
        term.handled = len(term.output)
        if not steps and " left" in text:
            steps.append("paused")
            term.type("p")
        elif steps == ["paused"] and "paused " in text:
            steps.append("resumed")
            term.type("p")
        elif steps == ["paused", "resumed"] and re.search(r"\r   \d+:\d\d left", text):
            steps.append("quit")
            term.type("q")
        elif "Enter to skip): " in text or "or Enter" in text:
            term.type("q" if "or Enter" in text else "\n")

    code, output = run_in_pty(["go", "--minutes", "3", "--date", DAY], env | {"SUPPLE_TIME_SCALE": "0.2"}, respond)
    assert code == 0, output
    assert steps == ["paused", "resumed", "quit"], output
    assert "paused 0:" in output
    shown = screen_lines(output, every_state=True)
    assert not [line for line in shown if line.count("left") > 1], shown


def test_ctrl_c_during_a_countdown_prints_its_message_on_its_own_line(cli, env, history):
    import signal

    def respond(term: Terminal, text: str) -> None:
        term.handled = len(term.output)
        if " left" in text and term.typed == []:
            term.typed.append("^C")
            os.kill(term.pid, signal.SIGINT)

    code, output = run_in_pty(["go", "--minutes", "3", "--date", DAY], env | {"SUPPLE_TIME_SCALE": "0.2"}, respond)
    assert code == 130, output
    shown = screen_lines(output)
    assert "supple: error: interrupted; nothing more was written" in shown, shown
    assert history() == []


def prompt_answers(term: Terminal, text: str) -> None:
    """Accept the default of every prompt typer asks (`Question [default]: `)."""
    end = 0
    for match in re.finditer(r"\]: ", text):
        term.type("\n")
        end = match.end()
    term.handled += end


def test_init_in_a_terminal_rejects_minutes_0_instead_of_asking(cli, env, bad_input):
    """`init --minutes 0` on a terminal must not turn 0 into a prompt and save the default."""
    stored = cli(
        "init", "--run-days", "wed", "--run-time", "06:30", "--minutes", "12", "--equipment", "box", "--json", input=""
    )
    assert stored.code == 0, stored.err
    code, output = run_in_pty(
        ["init", "--run-days", "mon", "--run-time", "07:00", "--minutes", "0"], env, prompt_answers
    )
    assert code == 2, output
    assert "minutes: 0 is not valid" in output
    assert "Minutes a day" not in output
    assert cli("init", "--json", input="").json() == stored.json()


def test_init_in_a_terminal_asks_for_what_is_missing(cli, env):
    code, output = run_in_pty(["init", "--run-days", "tue,thu", "--minutes", "8"], env, prompt_answers)
    assert code == 0, output
    assert "Usual run time" in output
    assert "Kit you own" in output
    assert "Days you run" not in output
    profile = cli("init", "--json", input="").json()
    assert profile["run_times"] == {"tue": "07:00", "thu": "07:00"}
    assert profile["minutes"] == 8
    assert profile["equipment"] == []
