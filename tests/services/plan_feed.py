"""A training plan's iCalendar feed written for the tests, and a real HTTP server on 127.0.0.1 serving it.

The plan, from the Monday after today: an easy run every Tuesday 07:00 (RRULE, Europe/Berlin), a long
run on the Sunday, a half-marathon race three weeks on, a bike ride and a rest day (both left out).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

WEEKS = 6


def next_monday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=7 - today.weekday())


def plan_feed(monday: dt.date, *, long_km: int = 18, with_race: bool = True, weeks: int = WEEKS) -> bytes:
    """The plan as iCalendar bytes: ``weeks`` easy runs + the long run (+ the race) are runs; 2 events are not."""

    def day(n: int) -> str:
        return (monday + dt.timedelta(days=n)).strftime("%Y%m%d")

    def event(uid: str, start: str, end: str, summary: str, *more: str) -> list[str]:
        stamp = f"DTSTAMP:{day(0)}T000000Z"
        return ["BEGIN:VEVENT", f"UID:{uid}", stamp, start, end, *more, f"SUMMARY:{summary}", "END:VEVENT"]

    berlin = "TZID=Europe/Berlin"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Test coach//Plan//EN",
        "X-WR-CALNAME:Half marathon plan",
        "X-WR-TIMEZONE:Europe/Berlin",
        *event(
            "easy-tuesday@plan",
            f"DTSTART;{berlin}:{day(1)}T070000",
            f"DTEND;{berlin}:{day(1)}T075000",
            "Easy run 8 km",
            f"RRULE:FREQ=WEEKLY;COUNT={weeks}",
        ),
        *event(
            "long-sunday@plan",
            f"DTSTART;{berlin}:{day(6)}T090000",
            f"DTEND;{berlin}:{day(6)}T110000",
            f"Long run {long_km} km",
        ),
        *event("bike@plan", f"DTSTART;{berlin}:{day(2)}T180000", f"DTEND;{berlin}:{day(2)}T193000", "Bike ride 40 km"),
        *event("rest@plan", f"DTSTART;VALUE=DATE:{day(4)}", f"DTEND;VALUE=DATE:{day(5)}", "Rest day"),
    ]
    if with_race:
        lines += event(
            "race@plan",
            f"DTSTART;{berlin}:{day(20)}T093000",
            f"DTEND;{berlin}:{day(20)}T113000",
            "Race: city half marathon",
        )
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


@dataclass
class PlanServer:
    """What the server answers per path: (status, content type, body); an unknown path is a 404."""

    base: str
    pages: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, body: bytes, *, status: int = 200, kind: str = "text/calendar") -> str:
        self.pages[path] = (status, kind, body)
        return self.url(path)


@pytest.fixture
def plan_server() -> Iterator[PlanServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    plan = PlanServer(base=f"http://127.0.0.1:{server.server_address[1]}")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            plan.hits.append(self.path)
            status, kind, body = plan.pages.get(self.path, (404, "text/plain", b"not found"))
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server.RequestHandlerClass = Handler
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield plan
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
