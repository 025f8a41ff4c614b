"""Fetching a calendar from a real local HTTP server and from files, and every way it can fail."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from supple.importers.calendar_feed import CalendarUnavailable, feed_url, fetch_calendar
from supple.importers.ical import read_calendar

FEED = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Coach//Plan//EN\r\nX-WR-TIMEZONE:Europe/London\r\n"
    b"BEGIN:VEVENT\r\nUID:plan-1\r\nDTSTART:20261124T073000Z\r\nDURATION:PT45M\r\nSUMMARY:Run: easy 8 km\r\n"
    b"END:VEVENT\r\nEND:VCALENDAR\r\n"
)
RELEASE = threading.Event()


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: the tests assert on what the client says

    def _send(self, code: int, body: bytes, content_type: str = "text/calendar", length: bool = True) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, to: str) -> None:
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        path = self.path
        if path == "/plan.ics":
            self._send(200, FEED)
        elif path == "/bom.ics":
            self._send(200, b"\xef\xbb\xbf\r\n  " + FEED)
        elif path == "/moved":
            self._redirect("/plan.ics")
        elif path == "/loop":
            self._redirect("/loop")
        elif path.startswith("/chain/"):
            self._redirect(f"/chain/{int(path.rsplit('/', 1)[1]) + 1}")
        elif path == "/huge.ics":
            self._send(200, FEED + b"X" * (3 * 1024 * 1024))
        elif path == "/huge-unsized.ics":
            self.close_connection = True
            self._send(200, FEED + b"X" * (3 * 1024 * 1024), length=False)
        elif path == "/login":
            self._send(200, b"<!doctype html><html><body>Please sign in</body></html>", "text/html")
        elif path == "/slow.ics":
            RELEASE.wait(10)
            self._send(200, FEED)
        elif path == "/broken":
            self._send(500, b"oops", "text/plain")
        else:
            self._send(404, b"not found", "text/plain")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that stops reading a huge body closes the connection: expected here


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        RELEASE.set()
        httpd.shutdown()
        httpd.server_close()


def test_a_real_feed_is_fetched_and_read(server: str) -> None:
    data = fetch_calendar(f"{server}/plan.ics")
    assert data == FEED
    read = read_calendar(data, start=dt.date(2026, 11, 23), days=7)
    (taken,) = read.runs
    assert (taken.run.date, taken.run.at, taken.run.distance_m, taken.run.minutes) == (
        dt.date(2026, 11, 24),
        dt.time(7, 30),
        8000,
        45,
    )


def test_a_redirect_is_followed_and_a_bom_is_fine(server: str) -> None:
    assert fetch_calendar(f"{server}/moved") == FEED
    assert fetch_calendar(f"{server}/bom.ics").endswith(FEED)


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/missing.ics", "the server answered 404"),
        ("/broken", "the server answered 500"),
        ("/login", "not an iCalendar calendar (it looks like an HTML page"),
        ("/loop", "redirected in a loop"),
        ("/chain/0", "redirected in a loop, or more than 5 times"),
        ("/huge.ics", "too big"),
        ("/huge-unsized.ics", "too big: more than 2 MiB"),
    ],
)
def test_what_goes_wrong_is_said(server: str, path: str, says: str) -> None:
    with pytest.raises(CalendarUnavailable) as error:
        fetch_calendar(f"{server}{path}")
    assert says in error.value.reason
    assert error.value.source == f"{server}{path}"


def test_a_smaller_cap_stops_reading_there(server: str) -> None:
    with pytest.raises(CalendarUnavailable, match="too big"):
        fetch_calendar(f"{server}/plan.ics", max_bytes=100)
    assert fetch_calendar(f"{server}/plan.ics", max_bytes=len(FEED)) == FEED


def test_a_server_that_does_not_answer_in_time(server: str) -> None:
    with pytest.raises(CalendarUnavailable) as error:
        fetch_calendar(f"{server}/slow.ics", timeout=0.3)
    assert "no answer within 0.3 s" in error.value.reason


def test_nobody_listening_is_unreachable() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # The port was free a moment ago and nothing listens on it now.
    with pytest.raises(CalendarUnavailable, match="could not be reached"):
        fetch_calendar(f"http://127.0.0.1:{port}/plan.ics", timeout=2)


def test_private_addresses_can_be_refused(server: str) -> None:
    with pytest.raises(CalendarUnavailable, match="private network"):
        fetch_calendar(f"{server}/plan.ics", allow_private=False)


def test_webcal_is_https() -> None:
    assert feed_url("webcal://example.org/plan.ics?key=1") == "https://example.org/plan.ics?key=1"
    assert feed_url("http://example.org/a.ics") == "http://example.org/a.ics"
    assert feed_url("/home/runner/plan.ics") is None


def test_files(tmp_path: Path) -> None:
    good = tmp_path / "plan.ics"
    good.write_bytes(FEED)
    assert fetch_calendar(str(good)) == FEED
    assert fetch_calendar(good.as_uri()) == FEED
    with pytest.raises(CalendarUnavailable, match="no such file"):
        fetch_calendar(str(tmp_path / "nope.ics"))
    with pytest.raises(CalendarUnavailable, match="not a file"):
        fetch_calendar(str(tmp_path))
    notes = tmp_path / "notes.txt"
    notes.write_text("Tuesday: run 8 km")
    with pytest.raises(CalendarUnavailable, match="not an iCalendar calendar"):
        fetch_calendar(str(notes))
    with pytest.raises(CalendarUnavailable, match="expected an http"):
        fetch_calendar("ftp://example.org/plan.ics")
