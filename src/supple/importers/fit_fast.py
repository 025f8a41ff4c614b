"""The fast FIT summary reader: reads only the messages a summary needs and skips the rest by size.

A FIT file (the FIT protocol,
https://developer.garmin.com/fit/articles/fit-protocol/fit_protocol.html) is a header (12 or 14
bytes: its size, versions, the size of the records, ".FIT"), the records, and a 2-byte CRC; files
may be chained one after another. A record starts with a one-byte header: bit 7 set is a
compressed-timestamp data message (local type in bits 5-6); otherwise bit 6 marks a definition (bit
5: it has developer fields) and bits 0-3 the local type. A definition gives the byte order, the
global message number and each field's number, size and base type; a data message is then the
fields' bytes in order, so its size is known and messages the summary does not need are skipped
without decoding.

This reader follows fitdecode's own reading rules (its ``FitReader``, read to learn them) so that
the two agree: a field whose size is not a multiple of its base type is read as bytes, a developer
field's size comes from its field description. Whenever anything is not as expected (the file ends
early, a message refers to an undefined type, a summary message has a compressed timestamp, there
is no session, bytes follow the last file) it returns None and the full decoder reads the file.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any

from fitdecode import types as fit_types

from supple.importers.fit_summary import (
    ACTIVITY_FIELDS,
    MESG_ACTIVITY,
    MESG_FILE_ID,
    MESG_SESSION,
    MESG_SPORT,
    SESSION_FIELDS,
    SPORT_FIELDS,
    FitFacts,
    Raw,
)

MESG_FIELD_DESCRIPTION, MESG_DEVELOPER_DATA_ID = 206, 207
#: The fields read from each message the summary needs (developer data messages give field sizes).
WANTED: dict[int, dict[int, str]] = {
    MESG_FILE_ID: {0: "type"},
    MESG_SPORT: SPORT_FIELDS,
    MESG_SESSION: SESSION_FIELDS,
    MESG_ACTIVITY: ACTIVITY_FIELDS,
    MESG_FIELD_DESCRIPTION: {0: "developer_data_index", 1: "field_definition_number", 2: "fit_base_type_id"},
    MESG_DEVELOPER_DATA_ID: {3: "developer_data_index"},
}
_BYTE = fit_types.BASE_TYPE_BYTE
_BASE_TYPES: dict[int, Any] = fit_types.BASE_TYPES
_U16 = {"<": struct.Struct("<H"), ">": struct.Struct(">H")}


class _GiveUp(Exception):
    """Something this reader does not handle: the full decoder reads the file."""


@dataclass(frozen=True, slots=True)
class _Definition:
    number: int
    endian: str
    size: int
    #: (field number, offset, size, base type) of the wanted fields, first occurrence only.
    fields: tuple[tuple[int, int, int, Any], ...]


def _value(data: bytes, at: int, size: int, base: Any, endian: str) -> int | None:
    """The raw value as fitdecode reads it, kept only when it is a single integer."""
    values = struct.unpack_from(f"{endian}{size // base.size}{base.fmt}", data, at)
    if base.identifier == _BYTE.identifier:
        value = base.parse(values)
    elif len(values) > 1:
        return None
    else:
        value = base.parse(values[0])
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class _Body:
    """The records of one FIT file (between its header and its CRC)."""

    def __init__(self, data: bytes, facts: FitFacts) -> None:
        self.data, self.facts = data, facts
        self.definitions: dict[int, _Definition] = {}
        self.dev_ids: set[int | None] = set()
        self.dev_sizes: dict[tuple[int | None, int | None], int] = {}

    def read(self, at: int, end: int) -> None:
        data, definitions = self.data, self.definitions
        while at < end:
            header = data[at]
            at += 1
            if header & 0x40 and not header & 0x80:
                at = self._definition(header, at, end)
                continue
            definition = definitions.get((header >> 5) & 0x3 if header & 0x80 else header & 0xF)
            if definition is None or at + definition.size > end:
                raise _GiveUp
            if definition.number in WANTED:
                if header & 0x80:
                    raise _GiveUp  # a summary message with a compressed timestamp
                self._wanted(definition, at)
            at += definition.size
        if at != end:
            raise _GiveUp

    def _definition(self, header: int, at: int, end: int) -> int:
        data = self.data
        if at + 5 > end:
            raise _GiveUp
        endian = ">" if data[at + 1] else "<"
        number = _U16[endian].unpack_from(data, at + 2)[0]
        count = data[at + 4]
        at += 5
        if at + 3 * count > end:
            raise _GiveUp
        wanted = WANTED.get(number, {})
        fields: list[tuple[int, int, int, Any]] = []
        size = 0
        for _ in range(count):
            field, field_size, base_number = data[at], data[at + 1], data[at + 2]
            at += 3
            if field_size == 0:
                raise _GiveUp
            base = _BASE_TYPES.get(base_number, _BYTE)
            if field_size % base.size:
                base = _BYTE
            if field in wanted and all(f[0] != field for f in fields):
                fields.append((field, size, field_size, base))
            size += field_size
        if header & 0x20:
            if at + 1 > end or at + 1 + 3 * data[at] > end:
                raise _GiveUp
            count = data[at]
            at += 1
            for _ in range(count):
                field, field_size, index = data[at], data[at + 1], data[at + 2]
                at += 3
                self.dev_ids.add(index)
                unit = self.dev_sizes.get((index, field), 1)
                if field_size == 0 or field_size % unit:
                    raise _GiveUp
                size += field_size
        self.definitions[header & 0xF] = _Definition(number, endian, size, tuple(fields))
        return at

    def _wanted(self, definition: _Definition, at: int) -> None:
        names = WANTED[definition.number]
        raw: Raw = dict.fromkeys(names.values())
        for field, offset, size, base in definition.fields:
            raw[names[field]] = _value(self.data, at + offset, size, base, definition.endian)
        facts, number = self.facts, definition.number
        if number == MESG_SESSION:
            facts.sessions.append(raw)
        elif number == MESG_ACTIVITY:
            facts.activity = raw
        elif number == MESG_SPORT:
            facts.sport = raw
        elif number == MESG_FILE_ID:
            facts.file_types.append(raw["type"])
        elif number == MESG_DEVELOPER_DATA_ID:
            self._developer_data_id(definition, raw)
        else:
            self._field_description(raw)

    def _developer_data_id(self, definition: _Definition, raw: Raw) -> None:
        if not any(f[0] == 3 for f in definition.fields):
            self.dev_ids.add(None)
        elif raw["developer_data_index"] is None:
            raise _GiveUp
        else:
            self.dev_ids.add(raw["developer_data_index"])
        index = raw["developer_data_index"]
        self.dev_sizes = {key: unit for key, unit in self.dev_sizes.items() if key[0] != index}

    def _field_description(self, raw: Raw) -> None:
        index, base_number = raw["developer_data_index"], raw["fit_base_type_id"]
        if index not in self.dev_ids:
            raise _GiveUp
        base = _BYTE if base_number is None else _BASE_TYPES.get(base_number)
        if base is None:
            raise _GiveUp
        self.dev_sizes[(index, raw["field_definition_number"])] = base.size


def read_facts(data: bytes) -> FitFacts | None:
    """The summary facts of a whole (possibly chained) FIT file, or None when the full decoder must read it."""
    facts = FitFacts()
    at, length = 0, len(data)
    try:
        while at < length:
            header_size = data[at]
            if length - at < 12 or data[at + 8 : at + 12] != b".FIT" or header_size < 12 or header_size == 13:
                return None
            body = int.from_bytes(data[at + 4 : at + 8], "little")
            start = at + header_size
            end = start + body
            if end + 2 > length:
                return None
            _Body(data, facts).read(start, end)
            at = end + 2
    except (_GiveUp, struct.error):
        return None
    return facts if facts.sessions else None
