"""Fetching a training-plan calendar: an http(s) or webcal address, or a file on this machine.

``fetch_calendar`` gives the calendar's bytes, or raises ``CalendarUnavailable`` with the
reason in words: not reachable, the server's error, no answer in time, too many redirects,
bigger than the cap (it stops reading there), or not iCalendar at all (a sign-in page, say).
It uses the standard library only. What it fetches is read by ``importers.ical``.

``webcal://`` (how calendar apps name a subscription) is fetched as ``https://``. With
``allow_private=False`` (for a server that fetches addresses its users type), an address whose
host resolves to a loopback, private or link-local address is refused before any request.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import IO

MAX_BYTES = 2 * 1024 * 1024
TIMEOUT_SECONDS = 10.0
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024
_USER_AGENT = "Supple (training-plan calendar reader)"


class CalendarUnavailable(Exception):
    """The calendar could not be fetched; ``reason`` says why in words."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


def feed_url(source: str) -> str | None:
    """The http(s) address to fetch for ``source``, or None when it is not a web address."""
    scheme = urllib.parse.urlsplit(source.strip()).scheme.lower()
    if scheme in {"webcal", "webcals"}:
        return "https" + source.strip()[len(scheme) :]
    if scheme in {"http", "https"}:
        return source.strip()
    return None


def fetch_calendar(
    source: str, *, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_SECONDS, allow_private: bool = True
) -> bytes:
    """The bytes of the calendar at ``source`` (a web address or a file path), checked to be iCalendar."""
    url = feed_url(source)
    if url is None:
        data = _read_file(source, max_bytes)
    else:
        if not allow_private:
            _refuse_private(source, url)
        data = _read_url(source, url, max_bytes, timeout)
    _check_icalendar(source, data)
    return data


def _read_file(source: str, max_bytes: int) -> bytes:
    scheme = urllib.parse.urlsplit(source).scheme.lower()
    if scheme == "file":
        path = Path(urllib.parse.unquote(urllib.parse.urlsplit(source).path))
    elif len(scheme) > 1:
        raise CalendarUnavailable(source, "expected an http(s) or webcal address, or the path of a file")
    else:
        path = Path(source).expanduser()
    if not path.is_file():
        raise CalendarUnavailable(source, "no such file" if not path.exists() else "not a file")
    try:
        with path.open("rb") as handle:
            return _read_capped(source, handle, max_bytes)
    except OSError as error:
        raise CalendarUnavailable(source, f"could not be read: {error.strerror or error}") from None


def _read_url(source: str, url: str, max_bytes: int, timeout: float) -> bytes:
    opener = urllib.request.build_opener(_Redirects())
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT, "Accept": "text/calendar, */*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise CalendarUnavailable(source, f"too big: {int(length):,} bytes, more than {_size(max_bytes)}")
            return _read_capped(source, response, max_bytes)
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:
            raise CalendarUnavailable(source, "redirected in a loop, or more than 5 times") from None
        raise CalendarUnavailable(source, f"the server answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError | socket.timeout):
            raise CalendarUnavailable(source, f"no answer within {timeout:g} s") from None
        raise CalendarUnavailable(source, f"could not be reached: {error.reason}") from None
    except TimeoutError:
        raise CalendarUnavailable(source, f"no answer within {timeout:g} s") from None
    except (OSError, ValueError) as error:
        raise CalendarUnavailable(source, f"could not be reached: {error}") from None


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 1


def _read_capped(source: str, handle: IO[bytes], max_bytes: int) -> bytes:
    """Reads at most ``max_bytes`` (one more byte says the data is bigger, and it stops there)."""
    parts: list[bytes] = []
    size = 0
    while size <= max_bytes:
        chunk = handle.read(min(_CHUNK, max_bytes + 1 - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    if size > max_bytes:
        raise CalendarUnavailable(source, f"too big: more than {_size(max_bytes)}")
    return b"".join(parts)


def _check_icalendar(source: str, data: bytes) -> None:
    head = data.lstrip(b"\xef\xbb\xbf").lstrip()
    if head[:15].upper() == b"BEGIN:VCALENDAR":
        return
    if not head:
        raise CalendarUnavailable(source, "empty: expected an iCalendar calendar")
    looks = "an HTML page" if head[:1] == b"<" else "something else"
    raise CalendarUnavailable(
        source, f"not an iCalendar calendar (it looks like {looks}; a calendar begins with BEGIN:VCALENDAR)"
    )


def _refuse_private(source: str, url: str) -> None:
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        found = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        raise CalendarUnavailable(source, f"could not be reached: no such host {host!r}") from None
    for address in found:
        ip = ipaddress.ip_address(str(address).split("%")[0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_unspecified:
            raise CalendarUnavailable(source, f"refused: {host} is an address on this machine or a private network")


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:g} MiB" if n >= 1024 * 1024 else f"{n:,} bytes"
