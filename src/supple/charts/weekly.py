"""Minutes per week against the "little and often" target, with the number of sessions over each bar.

Weeks run Monday to Sunday. The week still under way is drawn paler with an outline, so a
short bar for it does not read as a week missed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from supple.charts import frame, svg
from supple.charts.scales import Linear, day_month, nice_domain, ticks

BAR = "#0072b2"
TARGET = "#222222"
PLOT_HEIGHT = 200.0


@dataclass(frozen=True, slots=True)
class Week:
    start: dt.date  #: the Monday
    minutes: int
    sessions: int
    days: int
    #: True for the week that is not over yet.
    current: bool = False
    #: How many weeks the bar stands for (more than one on a long range: minutes and days are then
    #: averages per week, sessions the total).
    span: int = 1


#: The most bars one chart draws; a longer range draws each bar for several weeks.
MAX_BARS = 60


def grouped(weeks: Sequence[Week], cap: int = MAX_BARS) -> list[Week]:
    """``weeks`` as at most ``cap`` bars, each for the same number of weeks (the newest bar ends with the last week)."""
    if len(weeks) <= cap:
        return list(weeks)
    size = -(-len(weeks) // cap)
    out: list[Week] = []
    for end in range(len(weeks), 0, -size):
        group = weeks[max(0, end - size) : end]
        count = len(group)
        out.append(
            Week(
                start=group[0].start,
                minutes=round(sum(w.minutes for w in group) / count),
                sessions=sum(w.sessions for w in group),
                days=round(sum(w.days for w in group) / count),
                current=any(w.current for w in group),
                span=count,
            )
        )
    return out[::-1]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def since_start(weeks: Sequence[Week], started: dt.date | None) -> list[Week]:
    """``weeks`` from the one holding ``started`` on; all of them when ``started`` is None or before them."""
    if started is None:
        return list(weeks)
    monday = started - dt.timedelta(days=started.weekday())
    return [w for w in weeks if w.start >= monday]


def describe(weeks: Sequence[Week], target_minutes: int, target_days: int, note: str) -> str:
    met = sum(1 for w in weeks if w.minutes >= target_minutes and w.days >= target_days)
    last = weeks[-1]
    words = [
        f"Minutes of mobility work per week over {_plural(sum(w.span for w in weeks), 'week')}, "
        f"against a target of {target_minutes} minutes on at least {_plural(target_days, 'day')}.",
        f"{_plural(met, 'week' if weeks[-1].span == 1 else 'bar')} met the target.",
        f"{'This week' if last.current else 'The latest week'} (from {day_month(last.start, year=True)}): "
        f"{_plural(last.minutes, 'minute')} in {_plural(last.sessions, 'session')} on {_plural(last.days, 'day')}.",
    ]
    if last.span > 1:
        words[-1] = (
            f"The latest {last.span} weeks (from {day_month(last.start, year=True)}): "
            f"{_plural(last.minutes, 'minute')} a week on average, {_plural(last.sessions, 'session')} in all."
        )
    if note:
        words.append(note)
    return " ".join(words)


def chart(
    weeks: Sequence[Week],
    *,
    uid: str,
    target_minutes: int,
    target_days: int,
    title: str = "Minutes per week",
    note: str = "",
    started: dt.date | None = None,
) -> str:
    """The SVG for ``weeks`` (oldest first); empty when no session was logged in any of them.

    ``started`` is the runner's first session: weeks before the one it falls in are left out,
    so the chart opens at the week they began, not with empty weeks from before it.
    """
    weeks = grouped(since_start(weeks, started))
    if weeks and weeks[0].span > 1:
        bars = f"Each bar is {weeks[-1].span} weeks: minutes and days are a week's average."
        note = f"{note} {bars}" if note else bars
    if not weeks or not any(w.sessions or w.minutes for w in weeks):
        return frame.empty(
            uid=uid,
            title=title,
            desc=" ".join(
                w for w in (f"No sessions logged yet. The target is {target_minutes} minutes a week.", note) if w
            ),
            message="No results yet",
            hint="Log a session and its minutes will appear here, week by week.",
        )
    keys = [
        frame.band_key(BAR, 0.85, "Minutes done"),
        frame.Key(
            svg.line(0, 7, 28, 7, {"stroke": TARGET, "stroke-width": 2, "stroke-dasharray": "8 4"}),
            f"Target {target_minutes} min",
        ),
        frame.Key("", "Number over a bar: sessions"),
    ]
    if any(w.current for w in weeks):
        keys.append(frame.band_key(BAR, 0.35, "This week so far", edge=BAR))
    top, y = frame.header(title, keys, [note] if note else [])
    box = frame.plot_box(y, PLOT_HEIGHT)
    busiest = max(w.minutes for w in weeks)
    # A little headroom above the tallest bar for its session count.
    low, high, step = nice_domain([0, target_minutes * 1.1, busiest * 1.12], floor=0)
    ys = Linear(low, high, box.bottom, box.top)
    band = box.width / len(weeks)
    body = frame.plot_area(box)
    body += frame.y_axis(ys, ticks(low, high, step), box, caption="minutes", label=lambda v: f"{v:g}")
    label_every = math.ceil((svg.text_width("30 Nov", svg.TICK_SIZE) + 12) / band)
    places = []
    bars = ""
    for index, week in enumerate(weeks):
        middle = box.left + band * (index + 0.5)
        width = band * 0.64
        top_y = ys(week.minutes)
        values: dict[str, str | float] = {
            "class": "chart-bar",
            "data-date": week.start.isoformat(),
            "data-value": str(week.minutes),
            "fill": BAR,
            "fill-opacity": 0.35 if week.current else 0.85,
        }
        if week.current:
            values.update({"stroke": BAR, "stroke-width": 1.5, "stroke-dasharray": "3 2"})
        bars += svg.rect(middle - width / 2, top_y, width, box.bottom - top_y, values)
        if band >= 14:
            bars += svg.element(
                "text",
                {
                    "class": "chart-count",
                    "x": middle,
                    "y": top_y - 5,
                    "font-size": 12 if band < 24 else svg.TICK_SIZE,
                    "font-weight": "bold",
                    "fill": svg.INK,
                    "text-anchor": "middle",
                },
                str(week.sessions),
            )
        if (len(weeks) - 1 - index) % label_every == 0:
            places.append((middle, day_month(week.start)))
    target_y = ys(target_minutes)
    target = svg.line(
        box.left,
        target_y,
        box.right,
        target_y,
        {"class": "chart-target", "stroke": TARGET, "stroke-width": 2, "stroke-dasharray": "8 4"},
    )
    body += bars + target + frame.x_labels(places, box)
    desc = describe(weeks, target_minutes, target_days, note)
    return frame.document(uid=uid, title=title, desc=desc, height=box.bottom + 32, body=top + body)
