"""A phone at home: the machine's address on the local network, and a one-time pairing link as a QR code."""

from __future__ import annotations

import io
import ipaddress
import socket

from supple.core.errors import InvalidInput

#: A documentation address (RFC 5737): "connecting" a UDP socket to it sends nothing, but makes
#: the system pick the interface it would route through, which is the LAN address we want.
_PROBE = ("192.0.2.1", 9)


def lan_address() -> str:
    """This machine's address on its local network (the interface of the default route)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(_PROBE)
            address = str(probe.getsockname()[0])
    except OSError:
        address = ""
    if not address or ipaddress.ip_address(address).is_loopback or address == "0.0.0.0":
        raise InvalidInput(
            "--lan",
            "no network",
            "a machine connected to a local network (Wi-Fi or cable); connect it, or give the address with --host",
        )
    return address


def is_private(host: str) -> bool:
    """True for an address a home or office network uses (10/8, 172.16/12, 192.168/16, fc00::/7, link-local)."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return address.is_private and not address.is_loopback


def link(host: str, port: int, path: str) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}{path}"


def qr_code(text: str) -> str:
    """``text`` as a QR code drawn with block characters, for a terminal (a phone camera reads it)."""
    import segno

    out = io.StringIO()
    segno.make(text, error="m").terminal(out=out, compact=True)
    return out.getvalue()
