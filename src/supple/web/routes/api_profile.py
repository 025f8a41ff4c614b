"""GET and PUT /api/v1/profile: when you run, minutes a day, kit, priorities, complaints."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from supple.services import profile, profile_api, shapes
from supple.web.access import ContextDep
from supple.web.schemas import ProfileIn, ProfileOut, problems

router = APIRouter(prefix="/api/v1/profile", tags=["profile"])


@router.get("", response_model=ProfileOut, summary="Your profile", responses=problems(503))
def get_profile(ctx: ContextDep) -> Any:
    return shapes.profile_dict(profile.get_profile(ctx))


@router.put(
    "",
    response_model=ProfileOut,
    summary="Change your profile",
    description="Like `supple init --json`: the fields given replace the current ones, the rest are kept. "
    "Everything is checked before anything is saved.",
    responses=problems(403, 422, 503),
)
def put_profile(ctx: ContextDep, body: ProfileIn) -> Any:
    updated = profile_api.put_profile(
        ctx,
        run_times=None if body.run_times is None else body.run_times.items(),
        minutes=body.minutes,
        equipment=body.equipment,
        priorities=body.priorities,
        complaints=body.complaints,
        name=body.name,
    )
    return shapes.profile_dict(updated)
