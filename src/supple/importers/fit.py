"""FIT activity files: the fast summary reader first, the full decoder (fitdecode) when it cannot.

``read_fit`` asks ``fit_fast.read_facts`` for the few messages a summary needs; when that reader meets
anything it does not understand (a damaged or truncated file, a compressed-timestamp summary, an odd
field) it gives up and the whole file is decoded with fitdecode (MIT; its ``FitReader`` API:
frames of ``FitHeader``, ``FitDefinitionMessage`` and ``FitDataMessage`` with ``get_raw_value``),
which reads chained files and keeps what it could read before an error. The file checksum is not
checked: a damaged file is read as far as it makes sense, and the note says so.
"""

from __future__ import annotations

import io

from supple.importers.fit_fast import read_facts
from supple.importers.fit_summary import (
    ACTIVITY_FIELDS,
    MESG_ACTIVITY,
    MESG_FILE_ID,
    MESG_RECORD,
    MESG_SESSION,
    MESG_SPORT,
    RECORD_FIELDS,
    SESSION_FIELDS,
    SPORT_FIELDS,
    FitFacts,
    Raw,
    summarise,
)
from supple.importers.reading import FileRead, Refuse


def _raw(message: object, fields: dict[int, str]) -> Raw:
    """The raw values of ``fields`` (by number; the first of each), integers only, as the fast reader keeps them."""
    values: Raw = dict.fromkeys(fields.values())
    seen: set[int] = set()
    for data in message.fields:  # type: ignore[attr-defined]
        definition = data.field_def
        if definition is None:  # the timestamp a compressed-timestamp header gives
            number = 253 if data.name == "timestamp" else -1
        else:
            number = -1 if definition.is_dev else definition.def_num
        if number in fields and number not in seen:
            seen.add(number)
            value = data.raw_value
            values[fields[number]] = value if isinstance(value, int) and not isinstance(value, bool) else None
    return values


def full_facts(data: bytes) -> FitFacts:
    """Decode the whole file with fitdecode; an error ends the reading and is kept as ``damage``."""
    import fitdecode

    facts = FitFacts()
    if len(data) < 12:
        raise Refuse(f"the file is {len(data)} bytes long; a FIT file has a 12- or 14-byte header and its messages")
    if data[8:12] != b".FIT":
        raise Refuse("the file does not start with a FIT header ('.FIT' at byte 8); expected a FIT activity file")
    reader = fitdecode.FitReader(
        io.BytesIO(data),
        check_crc=fitdecode.CrcCheck.DISABLED,
        error_handling=fitdecode.ErrorHandling.IGNORE,
        keep_raw_chunks=False,
    )
    try:
        for frame in reader:
            if not isinstance(frame, fitdecode.FitDataMessage):
                continue
            number = frame.global_mesg_num
            if number == MESG_RECORD:
                record = _raw(frame, RECORD_FIELDS)
                facts.records.append((record["timestamp"], record["distance"], record["heart_rate"]))
            elif number == MESG_SESSION:
                facts.sessions.append(_raw(frame, SESSION_FIELDS))
            elif number == MESG_ACTIVITY:
                facts.activity = _raw(frame, ACTIVITY_FIELDS)
            elif number == MESG_SPORT:
                facts.sport = _raw(frame, SPORT_FIELDS)
            elif number == MESG_FILE_ID:
                facts.file_types.append(_raw(frame, {0: "type"})["type"])
    except fitdecode.FitEOFError:
        facts.damage = "the file ends early (truncated)"
    except Exception as error:  # fitdecode raises many kinds on damaged input; all mean "stop here"
        facts.damage = f"the file cannot be decoded to its end ({type(error).__name__}: {error})"[:300]
    finally:
        reader.close()
    facts.records = [
        r if all(v is None or isinstance(v, int) for v in r) else (None, None, None) for r in facts.records
    ]
    return facts


def read_fit_full(data: bytes) -> FileRead:
    """Read with the full decoder only (the reference the fast reader is checked against)."""
    return summarise(full_facts(data))


def read_fit(data: bytes) -> FileRead:
    """Read a FIT file's activities: the fast reader, else the full decoder."""
    facts = read_facts(data)
    return summarise(facts) if facts is not None else read_fit_full(data)
