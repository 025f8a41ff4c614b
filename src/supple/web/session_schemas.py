"""Pydantic models for logged sessions in the HTTP API (same keys as `supple history --json`).

The shapes follow docs/contract.md: a logged session is a `today` session with an `id`,
`logged_at`, `finished_at` and a `result` on every item (null until one is recorded).
Input models only describe the body for the OpenAPI document; the values are checked by
the services (which name the bad field), so nothing half-valid is stored.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from supple.services import shapes


class ItemResultIn(BaseModel):
    """What the runner records for one item."""

    model_config = ConfigDict(
        extra="forbid", strict=True, json_schema_extra={"example": {"done": True, "control": 4, "discomfort": 1}}
    )

    done: bool = Field(description="True when the item was done (false when skipped).")
    level: int | None = Field(default=None, ge=1, le=20, description="The ladder rung used, 1 up to the top rung.")
    hold_seconds: int | None = Field(default=None, ge=0, le=600, description="Seconds actually held.")
    control: int | None = Field(default=None, ge=1, le=5, description="How well the end range was controlled, 1–5.")
    discomfort: int | None = Field(default=None, ge=0, le=10, description="Discomfort felt, 0 (none) to 10.")

    def as_dict(self) -> dict[str, Any]:
        return self.model_dump()


class ItemResultOut(BaseModel):
    done: bool
    level: int | None
    hold_seconds: int | None
    control: int | None
    discomfort: int | None


class LoggedItemOut(BaseModel):
    """An item as in the contract, with what was recorded for it."""

    exercise: str
    name: str
    role: str
    regions: list[str]
    sets: int
    reps: int | None
    hold_seconds: int | None
    per_side: bool
    static: bool
    seconds: int
    level: int
    why: str
    result: ItemResultOut | None


class LoggedBlockOut(BaseModel):
    region: str
    items: list[LoggedItemOut]


class LoggedSessionOut(BaseModel):
    """A stored session: the shape of one entry of `supple history --json`."""

    id: int
    date: str = Field(description="The day the session is for, YYYY-MM-DD.")
    kind: str
    minutes: int
    total_seconds: int = Field(description="The planned length of the whole session, set-up included.")
    seconds_done: int = Field(
        description="Time done: the planned time of the items done, less any part of a hold not held."
    )
    logged_at: str | None = Field(description="When it was stored, ISO 8601 in UTC.")
    finished_at: str | None = Field(description="When it was finished; null while still in progress.")
    blocks: list[LoggedBlockOut]

    @classmethod
    def of(cls, session: Any) -> LoggedSessionOut:
        """From a stored session as the services return it (``services.live.get`` and friends)."""
        return cls.model_validate(shapes.logged_session_dict(session))


class SessionItemIn(BaseModel):
    """An item of a `today` session; only `exercise` is required, the rest defaults to the catalogue."""

    model_config = ConfigDict(extra="allow", strict=True)

    exercise: str
    sets: int | None = None
    reps: int | None = None
    hold_seconds: int | None = None
    seconds: int | None = None
    level: int | None = None
    result: ItemResultIn | None = None


class SessionBlockIn(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)

    region: str
    items: list[SessionItemIn]


class SessionCreateIn(BaseModel):
    """A session as printed by `supple today --json` (items may carry `result`), plus `finished`."""

    model_config = ConfigDict(
        extra="allow",
        strict=True,
        json_schema_extra={
            "example": {
                "date": "2026-11-24",
                "kind": "daily",
                "minutes": 10,
                "blocks": [{"region": "hip-flexors", "items": [{"exercise": "hip-flexor-stretch-overhead-reach"}]}],
                "finished": False,
            }
        },
    )

    date: str = Field(description="YYYY-MM-DD")
    kind: str
    minutes: int
    total_seconds: int | None = None
    blocks: list[SessionBlockIn]
    finished: bool = Field(default=False, description="Store it as finished (true) or in progress (false).")

    def today_dict(self) -> dict[str, Any]:
        """The session object for services.live.start_from_dict (without `finished`)."""
        return self.model_dump(exclude={"finished"}, exclude_none=False)
